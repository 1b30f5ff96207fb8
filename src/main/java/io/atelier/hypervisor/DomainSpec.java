package io.atelier.hypervisor;

import java.nio.file.Path;
import java.util.List;

import io.atelier.image.BaseImage;

/**
 * One lab VM as libvirt must define it. The first NIC is the management one; the
 * {@code firstBootConfig} reaches the guest through QEMU fw_cfg as
 * {@code opt/io.atelier/config} (see {@code infra/images/README.md}), read by QEMU from
 * {@code firstBootFile} (0600) when it is given — it holds the trainee's password and the
 * node's host key, which QEMU's command line would show to every local user — or written
 * into the document otherwise. {@code vncPassword}
 * (8 characters, VNC authentication) guards the display; null leaves it open (labs created
 * before the platform generated one).
 */
public record DomainSpec(
        String name,
        Owner owner,
        int memoryMiB,
        int vcpus,
        BaseImage image,
        Path disk,
        Path consoleLog,
        Path serialSocket,
        List<Nic> nics,
        String firstBootConfig,
        String vncPassword,
        Path firstBootFile) {

    /** What atelier-firstboot writes in the guest once it applied the configuration: a configured node has it. */
    public static final String CONFIGURED_MARKER = "/var/lib/atelier/configured";

    public DomainSpec(String name, Owner owner, int memoryMiB, int vcpus, BaseImage image, Path disk, Path consoleLog,
            Path serialSocket, List<Nic> nics, String firstBootConfig, String vncPassword) {
        this(name, owner, memoryMiB, vcpus, image, disk, consoleLog, serialSocket, nics, firstBootConfig, vncPassword, null);
    }

    public DomainSpec(String name, Owner owner, int memoryMiB, int vcpus, BaseImage image, Path disk, Path consoleLog,
            Path serialSocket, List<Nic> nics, String firstBootConfig) {
        this(name, owner, memoryMiB, vcpus, image, disk, consoleLog, serialSocket, nics, firstBootConfig, null, null);
    }

    /** Recorded in the domain's metadata: which platform, lab, node and trainee it belongs to. */
    public record Owner(String instance, String lab, String node, String trainee) {
    }

    /**
     * A NIC plugged into a libvirt network. With {@code pinnedIp} (the management NIC, one per
     * VM), the host's bridge lets the VM send only from this MAC and this IPv4 address
     * ({@link ManagementPort}, {@link HostFirewall}); without, the NIC is free (lab NICs: their
     * addresses are the trainee's work).
     */
    public record Nic(String network, String mac, String pinnedIp) {
        public Nic(String network, String mac) {
            this(network, mac, null);
        }
    }
}
