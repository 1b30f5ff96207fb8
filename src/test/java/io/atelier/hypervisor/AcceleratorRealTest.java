package io.atelier.hypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accelerator's probe with this host's QEMU and the base image's kernel (built by
 * {@code ./atelier test} before the tests). The probe of the firmware's banner alone chose KVM
 * on a host where KVM runs the firmware but no kernel: then no lab machine ever booted.
 */
class AcceleratorRealTest {

    static final Path IMAGES = Path.of("/var/lib/atelier/images");

    @Test
    void theAcceleratorChosenOnThisHostRunsTheBaseImagesKernel() {
        Path kernel = Accelerator.probeKernel(IMAGES);
        assertTrue(Files.isReadable(kernel), kernel + " is missing: ./atelier images build makes it");
        Accelerator chosen = Accelerator.choose("auto", IMAGES);
        assertTrue(Accelerator.boots(chosen, kernel, Duration.ofSeconds(120)),
                "the probe chose " + chosen + ", under which the base image's kernel does not start");
    }

    @Test
    void withoutAKernelToProveKvmWithTheProbeChoosesTcgAtOnce(@TempDir Path noImages) {
        long started = System.nanoTime();
        assertEquals(Accelerator.TCG, Accelerator.choose("auto", noImages));
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos(), "no QEMU run without a kernel");
    }

    @Test
    void aKernelThatIsNoKernelNeverStarts(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("vmlinuz"), "not a kernel");
        assertFalse(Accelerator.boots(Accelerator.TCG, junk, Duration.ofSeconds(20)));
    }

    @Test
    void aSettingNamesItsAcceleratorAndAnyOtherIsRefused(@TempDir Path noImages) {
        assertEquals(Accelerator.KVM, Accelerator.choose("kvm", noImages));
        assertEquals(Accelerator.TCG, Accelerator.choose("tcg", noImages));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Accelerator.choose("fast", noImages));
        assertTrue(refused.getMessage().contains("auto, kvm or tcg"), refused.getMessage());
    }
}
