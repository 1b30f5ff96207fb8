package io.atelier.hypervisor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * How QEMU runs guest code: {@code kvm} (hardware) or {@code tcg} (software emulation).
 * {@link #choose(String)} implements {@code atelier.hypervisor.accel=auto|kvm|tcg}: auto runs
 * a short KVM probe — QEMU with {@code -cpu host} and no disk, whose firmware must print its
 * banner on the debug console within {@link #PROBE_SECONDS} seconds — and kills it. On the
 * build machines KVM aborts or hangs there, so auto falls back to TCG.
 */
public enum Accelerator {
    KVM("kvm"), TCG("qemu");

    static final int PROBE_SECONDS = 3;
    private static final Logger LOG = Logger.getLogger(Accelerator.class);

    /** The libvirt {@code <domain type>} for this accelerator. */
    public final String domainType;

    Accelerator(String domainType) {
        this.domainType = domainType;
    }

    public static Accelerator choose(String setting) {
        return switch (setting) {
            case "kvm" -> KVM;
            case "tcg" -> TCG;
            case "auto" -> kvmWorks() ? KVM : TCG;
            default -> throw new IllegalArgumentException(
                    "atelier.hypervisor.accel must be auto, kvm or tcg, not '" + setting + "'");
        };
    }

    static boolean kvmWorks() {
        ProcessBuilder probe = new ProcessBuilder("qemu-system-x86_64", "-accel", "kvm", "-cpu", "host",
                "-machine", "pc", "-m", "64", "-nodefaults", "-display", "none", "-no-reboot",
                "-chardev", "stdio,id=dbg", "-device", "isa-debugcon,iobase=0x402,chardev=dbg")
                .redirectErrorStream(true);
        Process process;
        try {
            process = probe.start();
        } catch (IOException e) {
            LOG.warnf("KVM probe could not start QEMU (%s): using TCG", e.getMessage());
            return false;
        }
        CompletableFuture<Boolean> banner = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null;) {
                    if (line.contains("SeaBIOS")) return true;
                    LOG.debugf("KVM probe: %s", line);
                }
            } catch (IOException e) {
                LOG.debugf("KVM probe output: %s", e.getMessage());
            }
            return false;
        }, task -> Thread.ofPlatform().daemon().name("kvm-probe").start(task));
        try {
            boolean works = banner.get(PROBE_SECONDS, TimeUnit.SECONDS);
            LOG.infof("KVM probe: %s", works ? "KVM works" : "QEMU stopped before the firmware ran; using TCG");
            return works;
        } catch (Exception e) {
            LOG.infof("KVM probe: no firmware output within %d s (KVM hangs); using TCG", PROBE_SECONDS);
            return false;
        } finally {
            process.destroyForcibly();
        }
    }
}
