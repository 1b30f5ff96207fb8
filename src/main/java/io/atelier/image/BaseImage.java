package io.atelier.image;

import java.nio.file.Path;

/**
 * A built image ({@code infra/images/<name>}): an ext4 root filesystem in a qcow2 without
 * partition table ({@code virtualSize} bytes), booted directly with its kernel, initramfs
 * and command line.
 */
public record BaseImage(String name, String hash, Path disk, long virtualSize, Path kernel, Path initrd,
        String cmdline) {
}
