package io.atelier.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.atelier.TestFiles;

/**
 * The templates the lab tests use: {@code lab-templates/} plus the test-only templates of
 * {@code src/test/lab-templates/} ({@code deux-postes}, {@code un-poste}, {@code une-panne},
 * {@code preuve-fausse}, {@code rattrapage}…), copied together.
 */
public final class TestLabTemplates {

    private TestLabTemplates() {
    }

    public static Path prepare(String name) {
        Path dir = Path.of("target", "test-data", name);
        TestFiles.copyTree(Path.of("lab-templates"), dir);
        try (var extra = Files.list(Path.of("src", "test", "lab-templates"))) {
            extra.forEach(t -> TestFiles.copyTree(t, dir.resolve(t.getFileName())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * Images that libvirt's test driver accepts (it never reads them): a qcow2 header of
     * 64 MiB (so that the test driver's pool, shared by every test of the JVM, holds the
     * overlays of many labs) and empty kernel files, under {@code dir/<name>/current/}.
     */
    public static void fakeImages(Path dir, String... names) {
        try {
            for (String name : names) {
                Path build = dir.resolve(name).resolve("fake");
                Files.createDirectories(build);
                java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(32).putInt(0x514649fb).putInt(3)
                        .putLong(0).putInt(0).putInt(16).putLong(64L << 20);
                Files.write(build.resolve("disk.qcow2"), header.array());
                Files.writeString(build.resolve("vmlinuz"), "");
                Files.writeString(build.resolve("initrd.img"), "");
                Files.writeString(build.resolve("cmdline"), "root=/dev/vda console=ttyS0\n");
                Path current = dir.resolve(name).resolve("current");
                Files.deleteIfExists(current);
                Files.createSymbolicLink(current, Path.of("fake"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
