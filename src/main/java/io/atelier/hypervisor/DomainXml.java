package io.atelier.hypervisor;

import static io.atelier.hypervisor.Xml.escape;

/**
 * The libvirt domain document of a lab VM: direct kernel boot of the image on a qcow2
 * overlay, virtio disk and NICs, serial console on a unix socket (for the platform's
 * terminal) and logged to a file, VNC on loopback only with a password,
 * the QEMU guest agent channel, a virtio RNG, the first-boot configuration in fw_cfg, and
 * the management NIC on a tap the platform names ({@link ManagementPort}), recorded in the
 * metadata, whose frames the host's bridge rules pin to its MAC and address
 * ({@link HostFirewall}: no MAC, IP or ARP spoofing).
 */
public final class DomainXml {

    /** Namespace of the {@code <atelier:lab>} element in the domain metadata. */
    public static final String NAMESPACE = "urn:atelier:lab:1";
    static final String FW_CFG_NAME = "opt/io.atelier/config";
    /**
     * The version of the devices this document gives a VM (machine type, their kinds and order)
     * and of the kernel command line it adds: a machine saved with one layout is never restored
     * into another (snapshot.Shape). Add one whenever a device is added, removed or changed, or
     * the command line. 2: {@code norandmaps} under TCG ({@link #cmdline}).
     */
    public static final int LAYOUT = 2;

    /**
     * QEMU's translation cache under TCG ({@code tb-size}), in MiB. Its default, 1 GiB, filled
     * up: each QEMU grew to 1.4-1.5 GiB resident for a 384 MiB guest, so fourteen machines took
     * 19 of the host's 24 GiB and the page cache that holds the save images and base disks
     * went (restores read them from disk again). Bounded, a full cache is flushed and code is
     * translated again.
     */
    public static final int TCG_CACHE_MIB = 256;

    private DomainXml() {
    }

    /**
     * The image's kernel command line, with {@code no_timer_check}: under TCG on a busy host
     * the guest kernel's check of the IO-APIC timer can miss its ticks and panic ("IO-APIC +
     * timer doesn't work!"), seen here with several VMs booting on 2 cores; the check is
     * pointless in a VM (cloud images skip it the same way).
     * <p>
     * Under TCG, also {@code norandmaps} (no address-space randomisation of the guest's
     * processes): QEMU keys each translated block by its virtual address, so with a shared
     * library mapped elsewhere in every process, each new process has the library's code
     * translated again. Measured on a booted debian-ad-dc (DESIGN, "Facts of the build
     * machines"): CPU per workload halved for SSH logins and {@code dpkg-query} runs, divided by
     * four for short shell commands, a domain's provisioning 10 % less. Under KVM nothing is
     * translated: the guests keep it.
     */
    static String cmdline(String image, Accelerator accel) {
        String line = (" " + image + " ").contains(" no_timer_check ") ? image : image + " no_timer_check";
        if (accel == Accelerator.KVM || (" " + line + " ").contains(" norandmaps ")) return line;
        return line + " norandmaps";
    }

    /**
     * The VM's weight for the host's CPUs ({@code cpuShares}, 0: libvirt's default) and, under
     * TCG, its vCPU threads and main loop in the scheduler's batch class ({@code SCHED_BATCH}): a
     * waking thread of another VM no longer preempts the one translating and running guest code,
     * so each runs a whole slice (QEMU's helper threads started before libvirt sets the class keep
     * the default one). Measured on this host class (2 cores; 2026-12-06; debian-ad-dc, 512 MiB, QEMU
     * as libvirt runs it, a guest workload of 40 Python starts and 40 {@code dpkg-query}): alone
     * 38.9 s of CPU; six at once 42.7 and 57.0 s each (two runs; the whole 129 and 172 s),
     * batch 39.0 and 40.1 s (118 and 121 s, what two cores can do at best). Under KVM the guest's
     * code runs on the CPU itself: unmeasured, so left as it is.
     */
    static String cputune(DomainSpec spec, Accelerator accel, int cpuShares) {
        StringBuilder tune = new StringBuilder();
        if (cpuShares > 0) tune.append("    <shares>").append(cpuShares).append("</shares>\n");
        if (accel == Accelerator.TCG) {
            tune.append("    <vcpusched vcpus='0-").append(spec.vcpus() - 1).append("' scheduler='batch'/>\n")
                    .append("    <emulatorsched scheduler='batch'/>\n");
        }
        return tune.isEmpty() ? "" : "  <cputune>\n" + tune + "  </cputune>\n";
    }

    /** The pinned port of a NIC with a pinned address; null for a free NIC. */
    static ManagementPort port(DomainSpec spec, DomainSpec.Nic nic) {
        return nic.pinnedIp() == null ? null : ManagementPort.of(spec.name(), nic.mac(), nic.pinnedIp());
    }

    public static String of(DomainSpec spec, Accelerator accel) {
        return of(spec, accel, 0);
    }

    /** The document with the VM's weight for the host's CPUs ({@code cpuShares}; 0: libvirt's default). */
    public static String of(DomainSpec spec, Accelerator accel, int cpuShares) {
        DomainSpec.Owner owner = spec.owner();
        if (spec.nics().stream().filter(nic -> nic.pinnedIp() != null).count() > 1) {
            throw new IllegalArgumentException("VM " + spec.name() + ": only its management NIC is pinned");
        }
        StringBuilder xml = new StringBuilder(2048);
        xml.append("<domain type='").append(accel.domainType).append("'>\n")
                .append("  <name>").append(escape(spec.name())).append("</name>\n")
                .append("  <metadata>\n")
                .append("    <atelier:lab xmlns:atelier='").append(NAMESPACE).append("' instance='")
                .append(escape(owner.instance())).append("' lab='").append(escape(owner.lab()))
                .append("' node='").append(escape(owner.node())).append("' trainee='")
                .append(escape(owner.trainee())).append("'>\n");
        for (DomainSpec.Nic nic : spec.nics()) {
            ManagementPort port = port(spec, nic);
            if (port != null) {
                xml.append("      <atelier:pinned dev='").append(port.dev()).append("' mac='").append(port.mac())
                        .append("' ip='").append(port.ip()).append("'/>\n");
            }
        }
        xml.append("    </atelier:lab>\n")
                .append("  </metadata>\n")
                .append("  <memory unit='MiB'>").append(spec.memoryMiB()).append("</memory>\n")
                .append("  <vcpu>").append(spec.vcpus()).append("</vcpu>\n")
                .append(cputune(spec, accel, cpuShares))
                .append("  <sysinfo type='fwcfg'>\n")
                .append(spec.firstBootFile() == null
                        ? "    <entry name='" + FW_CFG_NAME + "'>" + escape(spec.firstBootConfig()) + "</entry>\n"
                        : "    <entry name='" + FW_CFG_NAME + "' file='" + escape(spec.firstBootFile().toString()) + "'/>\n")
                .append("  </sysinfo>\n")
                .append("  <os>\n")
                .append("    <type arch='x86_64' machine='pc'>hvm</type>\n")
                .append("    <kernel>").append(escape(spec.image().kernel().toString())).append("</kernel>\n")
                .append("    <initrd>").append(escape(spec.image().initrd().toString())).append("</initrd>\n")
                .append("    <cmdline>").append(escape(cmdline(spec.image().cmdline(), accel))).append("</cmdline>\n")
                .append("  </os>\n")
                .append(accel == Accelerator.KVM ? "  <features><acpi/></features>\n"
                        : "  <features><acpi/><tcg><tb-cache unit='MiB'>" + TCG_CACHE_MIB + "</tb-cache></tcg></features>\n")
                .append(accel == Accelerator.KVM ? "  <cpu mode='host-passthrough'/>\n"
                        : "  <cpu mode='custom' match='exact'><model fallback='allow'>qemu64</model></cpu>\n")
                .append("  <clock offset='utc'/>\n")
                .append("  <on_poweroff>destroy</on_poweroff>\n")
                .append("  <on_reboot>restart</on_reboot>\n")
                .append("  <on_crash>destroy</on_crash>\n")
                .append("  <devices>\n")
                .append("    <disk type='file' device='disk'>\n")
                .append("      <driver name='qemu' type='qcow2' discard='unmap'/>\n")
                .append("      <source file='").append(escape(spec.disk().toString())).append("'/>\n")
                .append("      <target dev='vda' bus='virtio'/>\n")
                .append("    </disk>\n");
        for (DomainSpec.Nic nic : spec.nics()) {
            xml.append("    <interface type='network'>\n")
                    .append("      <source network='").append(escape(nic.network())).append("'/>\n")
                    .append("      <mac address='").append(escape(nic.mac())).append("'/>\n")
                    .append("      <model type='virtio'/>\n");
            ManagementPort port = port(spec, nic);
            if (port != null) xml.append("      <target dev='").append(port.dev()).append("'/>\n");
            xml.append("    </interface>\n");
        }
        xml.append("    <serial type='unix'>\n")
                .append("      <source mode='bind' path='").append(escape(spec.serialSocket().toString())).append("'/>\n")
                .append("      <log file='").append(escape(spec.consoleLog().toString())).append("' append='off'/>\n")
                .append("      <target port='0'/>\n")
                .append("    </serial>\n")
                .append("    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>\n")
                .append("    <graphics type='vnc' autoport='yes' listen='127.0.0.1'")
                .append(spec.vncPassword() == null ? "" : " passwd='" + escape(spec.vncPassword()) + "'").append("/>\n")
                .append("    <video><model type='vga'/></video>\n")
                .append("    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>\n")
                .append("    <memballoon model='none'/>\n")
                .append("  </devices>\n")
                .append("</domain>\n");
        return xml.toString();
    }
}
