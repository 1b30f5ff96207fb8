package io.atelier.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds the current build of an image: {@code <images dir>/<name>/current} points to the
 * folder of the recipe hash that {@code infra/images/build.sh} built last.
 */
@ApplicationScoped
public class ImageStore {

    private final Path dir;

    public ImageStore(ImageConfig config) {
        this.dir = config.dir();
    }

    /** The image, or an {@link ImageMissingException} that says how to build it. */
    public BaseImage find(String name) {
        Path current = dir.resolve(name).resolve("current");
        try {
            Path folder = current.toRealPath();
            Path disk = folder.resolve("disk.qcow2");
            Path kernel = folder.resolve("vmlinuz");
            Path initrd = folder.resolve("initrd.img");
            for (Path part : new Path[] { disk, kernel, initrd, folder.resolve("cmdline") }) {
                if (!Files.isReadable(part)) {
                    throw new ImageMissingException(name, "its build is incomplete (" + part + " is missing)");
                }
            }
            String cmdline = Files.readString(folder.resolve("cmdline")).strip();
            return new BaseImage(name, folder.getFileName().toString(), disk, virtualSize(disk), kernel, initrd,
                    cmdline);
        } catch (IOException e) {
            throw new ImageMissingException(name, "it is not built in " + dir);
        }
    }

    /** The guest-visible size of a qcow2: the big-endian 64-bit field at offset 24 of its header. */
    static long virtualSize(Path qcow2) throws IOException {
        try (var in = new java.io.DataInputStream(Files.newInputStream(qcow2))) {
            if (in.readInt() != 0x514649fb) throw new IOException(qcow2 + " is not a qcow2 file");
            in.skipNBytes(20);
            return in.readLong();
        }
    }

    /** Thrown when a template names an image that is not built on this host. */
    public static final class ImageMissingException extends RuntimeException {
        public ImageMissingException(String name, String why) {
            super("Image '" + name + "' cannot be used: " + why + ". Build it with: ./atelier images build " + name);
        }
    }
}
