package io.atelier.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
