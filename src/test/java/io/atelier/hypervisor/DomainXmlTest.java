package io.atelier.hypervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Network;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import io.atelier.image.BaseImage;

/**
 * The libvirt documents built for a lab node and its networks: what the VM gets (memory,
 * disk, NICs in order, loopback-only VNC, guest agent, first-boot config) and that libvirt
 * itself accepts them (its test driver, {@code test:///default}).
 */
public class DomainXmlTest {

    static final BaseImage IMAGE = new BaseImage("debian-base", "abc", Path.of("/img/debian-base/abc/disk.qcow2"),
            4L << 30, Path.of("/img/debian-base/abc/vmlinuz"), Path.of("/img/debian-base/abc/initrd.img"),
            "root=/dev/vda rw console=ttyS0 quiet");

    public static DomainSpec fw() {
        return new DomainSpec("atelier-t-11111111-2222-3333-4444-555555555555-fw",
                new DomainSpec.Owner("t", "11111111-2222-3333-4444-555555555555", "fw", "stagiaire1"), 384, 1, IMAGE,
                Path.of("/disks/t/x-fw.qcow2"), Path.of("/disks/t-consoles/fw.log"), Path.of("/disks/t-consoles/fw.sock"),
                List.of(new DomainSpec.Nic("atelier-t-mgmt", "52:54:00:00:00:02"),
                        new DomainSpec.Nic("atelier-t-lab-wan", "52:54:01:aa:bb:01"),
                        new DomainSpec.Nic("atelier-t-lab-lan", "52:54:01:aa:bb:02")),
                "hostname=fw\nadmin_key=ssh-ed25519 AAAA atelier\ntrainee=stagiaire1\n");
    }

    @Test
    void aNodeBootsItsImageWithItsNicsInOrderAndItsFirstBootConfig() throws Exception {
        Document xml = parse(DomainXml.of(fw(), Accelerator.TCG));
        XPath x = XPathFactory.newInstance().newXPath();
        assertEquals("qemu", x.evaluate("/domain/@type", xml), "TCG domains are type qemu");
        assertEquals("384", x.evaluate("/domain/memory", xml));
        assertEquals("/img/debian-base/abc/vmlinuz", x.evaluate("/domain/os/kernel", xml));
        assertEquals("root=/dev/vda rw console=ttyS0 quiet no_timer_check norandmaps", x.evaluate("/domain/os/cmdline", xml),
                "the kernel skips its IO-APIC timer check, which panics under TCG on a busy host, and maps each"
                        + " program and library at the same address in every process (TCG translates them once)");
        assertEquals("a no_timer_check b norandmaps", DomainXml.cmdline("a no_timer_check b", Accelerator.TCG));
        assertEquals("a norandmaps no_timer_check", DomainXml.cmdline("a norandmaps", Accelerator.TCG));
        assertEquals("a no_timer_check", DomainXml.cmdline("a", Accelerator.KVM),
                "under KVM nothing is translated: the guests keep their address-space randomisation");
        assertEquals("/disks/t/x-fw.qcow2", x.evaluate("/domain/devices/disk/source/@file", xml));
        assertEquals("qcow2", x.evaluate("/domain/devices/disk/driver/@type", xml));
        NodeList nics = (NodeList) x.evaluate("/domain/devices/interface", xml, XPathConstants.NODESET);
        assertEquals(3, nics.getLength());
        assertEquals("atelier-t-mgmt", x.evaluate("/domain/devices/interface[1]/source/@network", xml),
                "the management NIC comes first");
        assertEquals("52:54:01:aa:bb:02", x.evaluate("/domain/devices/interface[3]/mac/@address", xml));
        assertEquals("127.0.0.1", x.evaluate("/domain/devices/graphics/@listen", xml), "VNC only on loopback");
        assertEquals("org.qemu.guest_agent.0", x.evaluate("/domain/devices/channel/target/@name", xml));
        assertEquals("/disks/t-consoles/fw.sock", x.evaluate("/domain/devices/serial[@type='unix']/source[@mode='bind']/@path", xml),
                "the serial console listens on a unix socket for the platform's terminal");
        assertEquals("/disks/t-consoles/fw.log", x.evaluate("/domain/devices/serial/log/@file", xml));
        assertEquals("hostname=fw\nadmin_key=ssh-ed25519 AAAA atelier\ntrainee=stagiaire1\n",
                x.evaluate("/domain/sysinfo[@type='fwcfg']/entry[@name='opt/io.atelier/config']", xml));
        assertEquals("stagiaire1", x.evaluate("/domain/metadata/*[local-name()='lab']/@trainee", xml));
        assertEquals("host-passthrough", x.evaluate("/domain/cpu/@mode", parse(DomainXml.of(fw(), Accelerator.KVM))));
        assertEquals(String.valueOf(DomainXml.TCG_CACHE_MIB), x.evaluate("/domain/features/tcg/tb-cache[@unit='MiB']", xml),
                "QEMU's translation cache is bounded (1 GiB by default: each QEMU grew to 1.4 GiB for a 384 MiB guest)");
        assertEquals("0", x.evaluate("count(/domain/features/tcg)", parse(DomainXml.of(fw(), Accelerator.KVM))),
                "KVM translates nothing");
    }

    /** fw with what the platform gives every node: a display password and the management NIC pinned to its address. */
    static DomainSpec guarded() {
        DomainSpec spec = fw();
        List<DomainSpec.Nic> nics = List.of(new DomainSpec.Nic("atelier-t-mgmt", "52:54:00:00:00:02", "10.9.0.3"),
                spec.nics().get(1), spec.nics().get(2));
        return new DomainSpec(spec.name(), spec.owner(), spec.memoryMiB(), spec.vcpus(), IMAGE, spec.disk(),
                spec.consoleLog(), spec.serialSocket(), nics, spec.firstBootConfig(), "Ab3dEf7h");
    }

    /**
     * A platform's VMs weigh on the host's CPUs as its configuration says (the one proving the
     * shipped templates in ./atelier test weighs more than the tests beside it); unset, libvirt's default.
     */
    @Test
    void aVmWeighsOnTheHostsCpusAsItsPlatformSaysAndAsLibvirtsDefaultOtherwise() throws Exception {
        XPath x = XPathFactory.newInstance().newXPath();
        assertEquals("4096", x.evaluate("/domain/cputune/shares", parse(DomainXml.of(fw(), Accelerator.TCG, 4096))));
        assertEquals("0", x.evaluate("count(/domain/cputune/shares)", parse(DomainXml.of(fw(), Accelerator.TCG))));
        assertEquals("0", x.evaluate("count(/domain/cputune)", parse(DomainXml.of(fw(), Accelerator.KVM))));
    }

    /**
     * Under TCG a VM's vCPU threads and main loop are in the batch class: other VMs' threads
     * waking do not cut its guest code's slice short (DomainXml.cputune gives the measurement).
     */
    @Test
    void underTcgAVmsVcpusAndMainLoopAreInTheBatchClass() throws Exception {
        XPath x = XPathFactory.newInstance().newXPath();
        DomainSpec spec = fw();
        DomainSpec two = new DomainSpec(spec.name(), spec.owner(), 256, 2, IMAGE, spec.disk(), spec.consoleLog(),
                spec.serialSocket(), spec.nics(), spec.firstBootConfig());
        Document tcg = parse(DomainXml.of(two, Accelerator.TCG, 4096));
        assertEquals("0-1", x.evaluate("/domain/cputune/vcpusched[@scheduler='batch']/@vcpus", tcg));
        assertEquals("1", x.evaluate("count(/domain/cputune/emulatorsched[@scheduler='batch'])", tcg));
        assertEquals("0", x.evaluate("count(/domain/cputune/vcpusched)", parse(DomainXml.of(two, Accelerator.KVM, 4096))));
    }

    /**
     * The management NIC sits on a tap the platform names, recorded with its MAC and address in
     * the metadata, which libvirt keeps: whatever starts the VM pins that port on the host's
     * bridge first (HostFirewall). Lab NICs stay free and get libvirt's own tap names.
     */
    @Test
    void theDisplayHasAPasswordAndOnlyTheManagementNicIsPinnedToItsMacAndAddress() throws Exception {
        Document xml = parse(DomainXml.of(guarded(), Accelerator.TCG));
        XPath x = XPathFactory.newInstance().newXPath();
        assertEquals("Ab3dEf7h", x.evaluate("/domain/devices/graphics[@type='vnc']/@passwd", xml));
        assertEquals("127.0.0.1", x.evaluate("/domain/devices/graphics/@listen", xml));
        ManagementPort port = ManagementPort.of(guarded().name(), "52:54:00:00:00:02", "10.9.0.3");
        assertTrue(port.dev().matches("atp[0-9a-f]{12}"), port.dev());
        assertEquals(port.dev(), x.evaluate("/domain/devices/interface[1]/target/@dev", xml));
        assertEquals(1.0, x.evaluate("count(/domain/devices/interface/target)", xml, XPathConstants.NUMBER),
                "lab NICs stay free: their addresses are the trainee's work");
        assertEquals(0.0, x.evaluate("count(//filterref)", xml, XPathConstants.NUMBER), "no libvirt nwfilter");
        assertEquals(List.of(port), ManagementPort.in(DomainXml.of(guarded(), Accelerator.TCG)));
        assertEquals(List.of(), ManagementPort.in(DomainXml.of(fw(), Accelerator.TCG)), "a VM without pinned NIC pins nothing");
        assertEquals("", x.evaluate("/domain/devices/graphics/@passwd", parse(DomainXml.of(fw(), Accelerator.TCG))),
                "a lab stored before display passwords keeps its display as it was");
        Connect libvirt = new Connect("test:///default");
        try {
            Domain domain = libvirt.domainDefineXML(DomainXml.of(guarded(), Accelerator.TCG));
            try {
                assertTrue(!domain.getXMLDesc(0).contains("Ab3dEf7h"), "libvirt shows the password only to who asks for secrets");
                assertTrue(domain.getXMLDesc(1).contains("passwd='Ab3dEf7h'"), "libvirt keeps it (VIR_DOMAIN_XML_SECURE)");
                assertTrue(domain.getXMLDesc(0).contains("<target dev='" + port.dev() + "'/>"), domain.getXMLDesc(0));
                assertEquals(List.of(port), ManagementPort.in(domain.getXMLDesc(0)), "libvirt keeps the pinned port");
            } finally {
                domain.undefine();
            }
        } finally {
            libvirt.close();
        }
    }

    /** The pinned port's values go into nft's input: what is not a port name, a MAC or an IPv4 address is refused. */
    @Test
    void aPinnedPortRefusesWhatIsNotAPortAMacOrAnAddress() {
        String dev = ManagementPort.of("atelier-t-x", "52:54:00:00:00:02", "10.9.0.3").dev();
        assertEquals(dev, ManagementPort.of("atelier-t-x", "52:54:00:00:00:02", "10.9.0.3").dev(), "the same domain, the same port");
        assertNotEquals(dev, ManagementPort.of("atelier-t-y", "52:54:00:00:00:02", "10.9.0.3").dev());
        assertThrows(IllegalArgumentException.class, () -> new ManagementPort("vnet0", "52:54:00:00:00:02", "10.9.0.3"));
        assertThrows(IllegalArgumentException.class, () -> new ManagementPort(dev, "52:54:00:00:00:02 } ; flush ruleset", "10.9.0.3"));
        assertThrows(IllegalArgumentException.class, () -> new ManagementPort(dev, "52:54:00:00:00:02", "10.9.0.256"));
        assertThrows(IllegalArgumentException.class, () -> new ManagementPort(dev, "52:54:00:00:00:02", "10.9.0.3\n"));
        DomainSpec spec = guarded();
        List<DomainSpec.Nic> two = List.of(spec.nics().get(0), new DomainSpec.Nic("atelier-t-mgmt", "52:54:00:00:00:03", "10.9.0.4"));
        DomainSpec twice = new DomainSpec(spec.name(), spec.owner(), spec.memoryMiB(), spec.vcpus(), IMAGE, spec.disk(),
                spec.consoleLog(), spec.serialSocket(), two, spec.firstBootConfig(), "Ab3dEf7h");
        assertThrows(IllegalArgumentException.class, () -> DomainXml.of(twice, Accelerator.TCG), "one pinned NIC per VM");
    }

    @Test
    void theFirstBootConfigurationIsReadFromAFileSoQemusCommandLineShowsNoSecret() throws Exception {
        DomainSpec spec = fw();
        DomainSpec onFile = new DomainSpec(spec.name(), spec.owner(), 256, 1, IMAGE, spec.disk(), spec.consoleLog(),
                spec.serialSocket(), spec.nics(), "trainee_password=s3cret\n", null, Path.of("/disks/t-firstboot/fw.cfg"));
        String text = DomainXml.of(onFile, Accelerator.TCG);
        assertTrue(!text.contains("s3cret"), text);
        assertEquals("/disks/t-firstboot/fw.cfg", XPathFactory.newInstance().newXPath()
                .evaluate("/domain/sysinfo[@type='fwcfg']/entry[@name='opt/io.atelier/config']/@file", parse(text)));
    }

    @Test
    void textFromATemplateIsEscaped() throws Exception {
        DomainSpec spec = fw();
        DomainSpec odd = new DomainSpec(spec.name(), spec.owner(), 256, 1, IMAGE, spec.disk(), spec.consoleLog(),
                spec.serialSocket(), spec.nics(), "trainee_password=a<b&'c\"\n");
        Document xml = parse(DomainXml.of(odd, Accelerator.TCG));
        assertEquals("trainee_password=a<b&'c\"\n", XPathFactory.newInstance().newXPath()
                .evaluate("/domain/sysinfo/entry", xml));
    }

    @Test
    void libvirtAcceptsTheDomainAndNetworksAndKeepsTheMetadata() throws Exception {
        Connect libvirt = new Connect("test:///default");
        try {
            Network lan = libvirt.networkDefineXML(NetworkXml.lab("atelier-t-lab-lan", "atl-0000test"));
            Network mgmt = libvirt.networkDefineXML(NetworkXml.management("atelier-t-mgmt", "atm-0000test", "10.9.0.1", 24));
            Domain domain = libvirt.domainDefineXML(DomainXml.of(fw(), Accelerator.TCG, 4096));
            String stored = domain.getXMLDesc(0);
            assertTrue(stored.contains("instance=\"t\"") || stored.contains("instance='t'"), stored);
            assertTrue(stored.contains("<shares>4096</shares>"), stored);
            assertTrue(stored.contains("<vcpusched vcpus=\"0\" scheduler=\"batch\"/>")
                    || stored.contains("<vcpusched vcpus='0' scheduler='batch'/>"), stored);
            assertTrue(mgmt.getXMLDesc(0).contains("<port isolated='yes'/>"), "management ports are isolated");
            assertTrue(!lan.getXMLDesc(0).contains("<ip"), "a lab network gives the host no address");
            domain.undefine();
            lan.undefine();
            mgmt.undefine();
        } finally {
            libvirt.close();
        }
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
