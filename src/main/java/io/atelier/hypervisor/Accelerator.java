package io.atelier.hypervisor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * How QEMU runs guest code: {@code kvm} (hardware) or {@code tcg} (software emulation).
 * {@link #choose(String, Path)} implements {@code atelier.hypervisor.accel=auto|kvm|tcg}: auto
 * boots the kernel of the base image every lab image is built from ({@value #PROBE_IMAGE})
 * under KVM, without disk, and uses KVM only when that kernel prints its first line within
 * {@link #PROBE} (a second or two where KVM works), then kills it. Hosts seen: KVM aborts at
 * once; KVM hangs in the firmware; and KVM that runs the firmware but hangs in the kernel's
 * decompressor, in long mode (a fresh build machine of 2026-12-06: the probe of the firmware's
 * banner alone chose KVM there, and no lab machine booted). Without a built base image
 * there is nothing to prove KVM with: TCG.
 */
public enum Accelerator {
    KVM("kvm"), TCG("qemu");

    /** The image whose kernel the probe boots: every image recipe starts from it. */
    static final String PROBE_IMAGE = "debian-base";
    static final Duration PROBE = Duration.ofSeconds(10);
    /** What the kernel prints first, from 64-bit code: {@code Linux version ...}. */
    static final String KERNEL_BANNER = "Linux version";
    private static final Logger LOG = Logger.getLogger(Accelerator.class);

    /** The libvirt {@code <domain type>} for this accelerator. */
    public final String domainType;

    Accelerator(String domainType) {
        this.domainType = domainType;
    }

    /** {@code setting}: auto, kvm or tcg; {@code imagesDir}: where the base images are built (auto's probe). */
    public static Accelerator choose(String setting, Path imagesDir) {
        return switch (setting) {
            case "kvm" -> KVM;
            case "tcg" -> TCG;
            case "auto" -> kvmWorks(probeKernel(imagesDir)) ? KVM : TCG;
            default -> throw new IllegalArgumentException(
                    "atelier.hypervisor.accel must be auto, kvm or tcg, not '" + setting + "'");
        };
    }

    /** The kernel the probe boots: the base image's current build's. */
    static Path probeKernel(Path imagesDir) {
        return imagesDir.resolve(PROBE_IMAGE).resolve("current").resolve("vmlinuz");
    }

    static boolean kvmWorks(Path kernel) {
        if (!Files.isReadable(kernel)) {
            LOG.warnf("KVM probe: no kernel to boot (%s; ./atelier images build makes it): using TCG", kernel);
            return false;
        }
        boolean works = boots(KVM, kernel, PROBE);
        LOG.infof("KVM probe: %s", works ? "KVM works"
                : "the kernel did not start under KVM within " + PROBE.toSeconds() + " s; using TCG");
        return works;
    }

    /**
     * Whether {@code kernel}, booted under {@code accel} (no disk, serial console), prints its
     * first line within {@code within}; QEMU is killed either way.
     */
    static boolean boots(Accelerator accel, Path kernel, Duration within) {
        List<String> command = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", accel == KVM ? "kvm" : "tcg"));
        if (accel == KVM) command.addAll(List.of("-cpu", "host"));
        command.addAll(List.of("-machine", "pc", "-m", "256", "-nodefaults", "-display", "none", "-no-reboot",
                "-serial", "stdio", "-kernel", kernel.toString(),
                "-append", "console=ttyS0 earlyprintk=serial,ttyS0,115200 nokaslr panic=-1"));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            LOG.warnf("KVM probe could not start QEMU (%s)", e.getMessage());
            return false;
        }
        CompletableFuture<Boolean> banner = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null;) {
                    if (line.contains(KERNEL_BANNER)) return true;
                    LOG.debugf("%s probe: %s", accel, line);
                }
            } catch (IOException e) {
                LOG.debugf("%s probe output: %s", accel, e.getMessage());
            }
            return false;
        }, task -> Thread.ofPlatform().daemon().name("accel-probe").start(task));
        try {
            return banner.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return false;
        } finally {
            process.destroyForcibly();
        }
    }
}
