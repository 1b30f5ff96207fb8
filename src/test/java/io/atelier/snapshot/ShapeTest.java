package io.atelier.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.atelier.image.BaseImage;

/** A snapshot is restored only into its own shape; a restored machine's identity is its domain's. */
class ShapeTest {

    static final BaseImage BASE = new BaseImage("debian-base", "1af12274a69006c5", Path.of("/i/debian-base/1af1/disk.qcow2"),
            4L << 30, Path.of("/i/vmlinuz"), Path.of("/i/initrd.img"), "root=/dev/vda");
    static final String VERSIONS = "libvirt 9000000, QEMU 7002000, tcg";

    @Test
    void everyInputOfAShapeGivesAnotherId() {
        Shape shape = new Shape(BASE, 256, 1, 2, VERSIONS);
        assertEquals(shape.id(), new Shape(BASE, 256, 1, 2, VERSIONS).id(), "the same inputs, the same id");
        assertTrue(shape.id().matches("[0-9a-f]{16}"), shape.id());
        BaseImage rebuilt = new BaseImage("debian-base", "77aa0000bbbb1111", BASE.disk(), BASE.virtualSize(), BASE.kernel(),
                BASE.initrd(), BASE.cmdline());
        BaseImage other = new BaseImage("debian-web", BASE.hash(), BASE.disk(), BASE.virtualSize(), BASE.kernel(),
                BASE.initrd(), BASE.cmdline());
        Set<String> ids = Stream.of(shape, new Shape(rebuilt, 256, 1, 2, VERSIONS), new Shape(other, 256, 1, 2, VERSIONS),
                new Shape(BASE, 512, 1, 2, VERSIONS), new Shape(BASE, 256, 2, 2, VERSIONS), new Shape(BASE, 256, 1, 3, VERSIONS),
                new Shape(BASE, 256, 1, 2, "libvirt 9000000, QEMU 7002000, kvm"),
                new Shape(BASE, 256, 1, 2, "libvirt 9000000, QEMU 8000000, tcg")).map(Shape::id).collect(Collectors.toSet());
        assertEquals(8, ids.size(), "an image rebuilt, another image, memory, vCPUs, NICs, accelerator, QEMU: " + ids);
        assertThrows(IllegalArgumentException.class, () -> new Shape(BASE, 256, 1, 0, VERSIONS));
    }

    @Test
    void aRestoredMachineTakesItsDomainsMacsInPlaceOfTheShapesAndReseedsItsRandomGeneratorFromTheHost() {
        String script = ShapeSnapshots.reidentifyScript(ShapeSnapshots.Identity.of(List.of("52:54:00:3c:10:07", "52:54:00:3c:10:08")),
                new byte[] { 1, 2, 3 }, java.time.Instant.ofEpochSecond(1796169856, 946434358));
        assertTrue(script.startsWith("set -e\n/usr/bin/date -u -s @1796169856.946434358 >/dev/null\n"),
                "the host's time first: " + script);
        assertTrue(script.contains("i=$(nic 52:54:00:5a:00:00 52:54:00:3c:10:07) && /usr/sbin/ip link set dev \"$i\" down && "
                + "/usr/sbin/ip link set dev \"$i\" address 52:54:00:3c:10:07\n"), script);
        assertTrue(script.contains("i=$(nic 52:54:00:5a:00:01 52:54:00:3c:10:08) && /usr/sbin/ip link set dev \"$i\" down && "
                + "/usr/sbin/ip link set dev \"$i\" address 52:54:00:3c:10:08\n"), script);
        assertTrue(script.contains("echo AQID | /usr/bin/base64 -d > /dev/urandom\n"), script);
        assertTrue(script.indexOf("/dev/urandom\n") < script.indexOf("ioctl($u, 0x5207, 0)")
                && script.indexOf("ioctl($u, 0x5207, 0)") < script.indexOf("systemd-id128 new"),
                "the CRNG is reseeded from the host's entropy before anything random is drawn: " + script);
        assertTrue(script.indexOf("systemd-id128 new > /etc/machine-id") < script.indexOf("atelier-firstboot")
                && script.indexOf("atelier-firstboot") < script.indexOf("atelier-examiner-netns")
                && script.indexOf("atelier-examiner-netns") < script.indexOf("networkctl reload")
                && script.indexOf("networkctl reload") < script.indexOf("until /usr/sbin/ip -4 -o addr show dev \"$m\""),
                "the first-boot configuration, then the examiner's namespaces, then networkd reads them, then the wait for "
                        + "the management address: " + script);
        assertTrue(script.contains("address 52:54:00:3c:10:07\nm=$i\n"), "the management NIC is the first: " + script);
        assertThrows(IllegalArgumentException.class, () -> ShapeSnapshots.reidentifyScript(
                ShapeSnapshots.Identity.of(List.of("52:54:00:3c:10:07; reboot")), new byte[1], java.time.Instant.now()));
        assertTrue(script.contains("/usr/bin/systemctl restart --no-block smbd\n") && !script.contains("ssh_host_ecdsa_key"),
                "without a setup script next, smbd takes its name at once; without a host key, the machine keeps its own: " + script);
    }

    @Test
    void aRestoredMachineTakesItsHostKeyAndAccountReadyMadeAndLeavesSmbdsRestartToItsSetupScript() {
        String script = ShapeSnapshots.reidentifyScript(new ShapeSnapshots.Identity(List.of("52:54:00:3c:10:07"),
                "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n", "ecdsa-sha2-nistp256 AAAA atelier-host-srv",
                "useradd x; ", true), new byte[1], java.time.Instant.now());
        String privateKey = Base64.getEncoder().encodeToString(
                "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(script.contains("(umask 077 && echo " + privateKey + " | /usr/bin/base64 -d > \"$k.new\")"), script);
        assertTrue(script.contains("echo " + Base64.getEncoder().encodeToString(
                "ecdsa-sha2-nistp256 AAAA atelier-host-srv\n".getBytes(StandardCharsets.US_ASCII)) + " | /usr/bin/base64 -d"), script);
        assertTrue(script.indexOf("mv -f \"$k.new\" \"$k\"") < script.indexOf("useradd x; ")
                && script.indexOf("useradd x; ") < script.indexOf("atelier-firstboot"), "key, account, then the rest: " + script);
        assertFalse(script.contains("restart --no-block smbd"), script);
        assertTrue(script.contains("/usr/bin/systemctl show -p InvocationID --value smbd > /run/atelier-smbd-shape\n"), script);
        assertTrue(ShapeSnapshots.AFTER_SETUP.contains("/usr/bin/systemctl restart --no-block smbd")
                && ShapeSnapshots.AFTER_SETUP.endsWith("; true"), ShapeSnapshots.AFTER_SETUP);
        assertThrows(IllegalArgumentException.class, () -> new ShapeSnapshots.Identity(List.of(), "key", null, null, false));
    }

    @Test
    void everyConfigurationOfARestoredMachineHasTheShapesSize() {
        String padded = ShapeSnapshots.padded("hostname=poste\nmgmt=52:54:00:3c:10:07 10.214.0.9/24\n");
        assertEquals(ShapeSnapshots.CONFIG_BYTES, padded.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(padded.startsWith("hostname=poste\nmgmt=52:54:00:3c:10:07 10.214.0.9/24\n#"));
        assertTrue(padded.endsWith("#\n"));
        assertNotEquals(-1, padded.indexOf("\n#"));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> ShapeSnapshots.padded("x=" + "y".repeat(ShapeSnapshots.CONFIG_BYTES) + "\n"));
        assertTrue(tooLong.getMessage().contains("at most 8190"), tooLong.getMessage());
    }
}
