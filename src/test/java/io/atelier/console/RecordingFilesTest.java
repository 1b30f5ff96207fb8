package io.atelier.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A terminal's recording (what the trainee typed, passwords included) is readable by the platform's user only. */
class RecordingFilesTest {

    @TempDir
    Path dir;

    @Test
    void aRecordingIs0600InA0700LabFolderEvenWhenTheFolderWasWider() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("recordings/lab-1"));
        Files.setPosixFilePermissions(lab, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = lab.resolve("20261201-100000-srv-ssh-1.cast");
        try (AsciicastRecorder recorder = AsciicastRecorder.start(file, 80, 24, "srv (ssh) — stagiaire1", 1 << 20)) {
            recorder.input("s3cret-Pa55\r");
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lab)));
        assertTrue(Files.readString(file).contains("s3cret-Pa55"), "the recording itself is kept whole");
    }
}
