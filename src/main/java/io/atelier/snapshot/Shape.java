package io.atelier.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.atelier.hypervisor.DomainXml;
import io.atelier.image.BaseImage;

/**
 * What a booted machine's saved state depends on, so that a node may be restored from it
 * instead of booted: the image (its name and recipe hash), memory, vCPUs, number of NICs, the
 * domain document's device layout ({@link DomainXml#LAYOUT}, machine type included), how the
 * shape's machine is made ({@link #RECIPE}) and what
 * {@code versions} says of libvirt, QEMU and the accelerator (TCG and KVM states do not mix).
 * Any change gives another {@link #id()}: a snapshot of another shape is never restored.
 */
public record Shape(BaseImage image, int memoryMiB, int vcpus, int nics, String versions) {

    /**
     * The version of how a shape's machine is made and saved ({@link ShapeSnapshots#build}):
     * add one whenever that changes, so that snapshots made the former way are not used.
     * 2: the first-boot marker is taken off before the save.
     */
    static final int RECIPE = 2;

    public Shape {
        if (nics < 1) throw new IllegalArgumentException("a node has its management NIC at least; nics " + nics);
    }

    /** 16 hexadecimal digits of a SHA-256 over every input, in a fixed order. */
    public String id() {
        String all = String.join("\n", "image=" + image.name(), "image-hash=" + image.hash(), "memory-mib=" + memoryMiB,
                "vcpus=" + vcpus, "nics=" + nics, "layout=" + DomainXml.LAYOUT, "recipe=" + RECIPE, "versions=" + versions);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(all.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The MAC the shape's machine has on NIC {@code i} (0: management): the clone sets its own in its place. */
    public static String placeholderMac(int i) {
        return String.format("52:54:00:5a:00:%02x", i);
    }
}
