package io.atelier.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atelier.hypervisor.SaveImageFiles;
import io.atelier.image.BaseImage;

/** Which snapshot a node may be restored from: its shape's, complete, of the image as it is now. */
class ShapeSnapshotsTest {

    @TempDir
    Path images;

    final ShapeSnapshots snapshots = new ShapeSnapshots(null, null, null);

    BaseImage build(String hash) throws IOException {
        Path folder = Files.createDirectories(images.resolve("debian-base").resolve(hash));
        return new BaseImage("debian-base", hash, Files.writeString(folder.resolve("disk.qcow2"), "qcow2"), 4L << 30,
                folder.resolve("vmlinuz"), folder.resolve("initrd.img"), "root=/dev/vda");
    }

    Path saved(Shape shape, byte[] memory) throws IOException {
        Path folder = Files.createDirectories(snapshots.folder(shape));
        Files.writeString(folder.resolve(ShapeSnapshots.DISK), "booted");
        return Files.write(folder.resolve(ShapeSnapshots.MEMORY), memory);
    }

    @Test
    void aSnapshotIsFoundNextToTheImageItWasMadeFromAndNotOnceTheImageIsRebuilt() throws IOException {
        Shape before = new Shape(build("1af12274a69006c5"), 256, 1, 2, ShapeTest.VERSIONS);
        Path memory = saved(before, SaveImageFiles.valid(4096));
        assertEquals(memory, snapshots.find(before).orElseThrow().memory());
        assertTrue(memory.startsWith(images.resolve("debian-base").resolve("1af12274a69006c5")), memory.toString());

        Shape rebuilt = new Shape(build("77aa0000bbbb1111"), 256, 1, 2, ShapeTest.VERSIONS);
        assertTrue(snapshots.find(rebuilt).isEmpty(), "the image rebuilt: the former image's snapshot is not used");
        assertTrue(snapshots.find(new Shape(before.image(), 384, 1, 2, ShapeTest.VERSIONS)).isEmpty(), "another memory size");
    }

    @Test
    void aSnapshotWhoseSaveWasCutShortOrIsNotASaveImageIsNotFound() throws IOException {
        Shape shape = new Shape(build("1af12274a69006c5"), 256, 1, 2, ShapeTest.VERSIONS);
        Path memory = saved(shape, "not a libvirt save image".getBytes());
        assertTrue(snapshots.find(shape).isEmpty(), "not a save image");
        Files.move(memory, memory.resolveSibling(ShapeSnapshots.MEMORY + ".part"));
        assertTrue(snapshots.find(shape).isEmpty(), "a save that never finished (only its .part)");
        byte[] whole = SaveImageFiles.valid(4096);
        Files.write(memory, java.util.Arrays.copyOf(whole, 200));
        assertTrue(snapshots.find(shape).isEmpty(), "a header cut short");
        Files.delete(snapshots.folder(shape).resolve(ShapeSnapshots.DISK));
        Files.write(memory, whole);
        assertTrue(snapshots.find(shape).isEmpty(), "no booted disk beside it");
    }

    /**
     * Another platform's process on this host (the shipped templates' proofs beside the other
     * tests) building the same shape: this process's build waits for it, then answers the
     * snapshot it saved instead of booting a machine of its own (this test's snapshots have no
     * hypervisor: a build that did not wait would fail at once).
     */
    @Test
    void aBuildWaitsForAnotherProcessBuildingTheSameShapeAndAnswersWhatItSaved() throws Exception {
        Shape shape = new Shape(build("1af12274a69006c5"), 256, 1, 2, ShapeTest.VERSIONS);
        Path folder = Files.createDirectories(snapshots.folder(shape));
        Path holder = Files.writeString(images.resolve("HoldsTheLock.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                class HoldsTheLock {
                    public static void main(String[] args) throws Exception {
                        try (FileChannel f = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                                var lock = f.lock()) {
                            System.out.println("locked");
                            System.in.readAllBytes();
                        }
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(java, holder.toString(), folder.resolve(ShapeSnapshots.BUILD_LOCK).toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader said = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", said.readLine(), "the other process holds the shape's lock");
            CompletableFuture<ShapeSnapshots.Snapshot> mine = CompletableFuture.supplyAsync(() -> snapshots.build(shape, line -> { }));
            assertThrows(TimeoutException.class, () -> mine.get(3, TimeUnit.SECONDS), "the build waits for the other process");
            Path memory = saved(shape, SaveImageFiles.valid(4096));
            other.getOutputStream().close();
            assertEquals(memory, mine.get(60, TimeUnit.SECONDS).memory());
        } finally {
            other.destroyForcibly();
        }
    }
}
