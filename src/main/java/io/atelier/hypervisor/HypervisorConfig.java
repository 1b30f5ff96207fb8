package io.atelier.hypervisor;

import java.nio.file.Path;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where and how lab VMs run: {@code atelier.hypervisor.*}. */
@ConfigMapping(prefix = "atelier.hypervisor")
public interface HypervisorConfig {

    /** The libvirt URI; {@code test:///default} is libvirt's in-memory driver for fast tests. */
    @WithDefault("qemu:///system")
    String uri();

    /**
     * {@code auto} boots the base image's kernel under KVM in a short, killed QEMU run and
     * falls back to TCG when it does not start ({@link Accelerator}); {@code kvm}, {@code tcg}.
     */
    @WithDefault("auto")
    String accel();

    /**
     * Names every libvirt object this platform creates ({@code atelier-<instance>-…}), so that
     * two platforms sharing a host (a test run, a dev server) never reconcile each other's VMs.
     */
    @WithDefault("default")
    String instance();

    /** Host-only management network: the host takes the first address, nodes the next ones. */
    @WithDefault("10.213.0.0/16")
    String managementCidr();

    /** Folder of the per-lab disk overlays (a libvirt dir pool); qemu must be able to traverse it. */
    @WithDefault("/var/lib/atelier/disks")
    Path disksDir();

    /** Installs the host nftables rules that drop every connection a lab node opens to the host. */
    @WithDefault("true")
    boolean firewall();

    /** The nftables command the host firewall is installed and verified with. */
    @WithDefault("nft")
    String nft();

    /**
     * The weight of this platform's VMs for the host's CPUs ({@code <cputune><shares>}: each VM's
     * cgroup under libvirt's {@code machine} partition, beside the other platforms' VMs; libvirt
     * gives 1024 when unset). Tried for the platform proving the shipped templates in
     * {@code ./atelier test} (4096): the tests' VMs beside it, starved, missed their bounds.
     */
    OptionalInt cpuShares();
}
