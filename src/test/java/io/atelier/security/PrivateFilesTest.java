package io.atelier.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory, the recordings and password files are the platform user's alone. */
class PrivateFilesTest {

    @TempDir
    Path dir;

    static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aMissingFolderIsCreated0700WithItsParentsAndAWideOneIsTightened() throws Exception {
        Path nested = dir.resolve("srv/atelier/var");
        PrivateFiles.folder(nested);
        assertEquals("rwx------", mode(nested));
        assertEquals("rwx------", mode(dir.resolve("srv/atelier")));

        Path wide = Files.createDirectory(dir.resolve("var"));
        Files.setPosixFilePermissions(wide, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(wide.resolve("kept"), "data");
        PrivateFiles.folder(wide);
        assertEquals("rwx------", mode(wide), "a data directory found readable by others is tightened");
        assertEquals("data", Files.readString(wide.resolve("kept")), "its content is left as it is");
    }

    @Test
    void aSecretIsGenerated0600OnceAndAWideSecretFileIsTightened() throws Exception {
        Path file = dir.resolve("var/postgres-password");
        String first = PrivateFiles.secret(file);
        assertEquals("rw-------", mode(file));
        assertEquals("rwx------", mode(file.getParent()));
        assertEquals(first, PrivateFiles.secret(file), "the same secret is read at the next start");
        assertNotEquals(first, PrivateFiles.secret(dir.resolve("other")), "each file has its own");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(first, PrivateFiles.secret(file));
        assertEquals("rw-------", mode(file), "a secret file readable by others is tightened");
    }

    @Test
    void aNewFileIs0600() throws Exception {
        Path file = PrivateFiles.newFile(dir.resolve("recordings/lab/a.cast"));
        assertEquals("rw-------", mode(file));
        assertEquals("rwx------", mode(file.getParent()));
    }
}
