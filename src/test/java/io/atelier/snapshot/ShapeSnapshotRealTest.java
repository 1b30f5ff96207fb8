package io.atelier.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.hypervisor.DomainSpec;
import io.atelier.hypervisor.DomainXml;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.hypervisor.ManagementNetwork;
import io.atelier.image.BaseImage;
import io.atelier.image.ImageStore;
import io.atelier.lab.NodeSecrets;
import io.atelier.lab.RealLabProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * On real TCG VMs: a shape of {@code debian-base} (256 MiB, two NICs) is booted once and saved;
 * two machines are restored from that one save image side by side, each from a copy holding
 * its own domain document, and take their own identity through the guest agent. They never
 * share a MAC, an address, a machine-id, a host key or a hostname, and the shape's
 * placeholder MACs are gone. Times are logged (restore and identity, against the shape's boot).
 */
@QuarkusTest
@TestProfile(RealLabProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class ShapeSnapshotRealTest {

    private static final Logger LOG = Logger.getLogger(ShapeSnapshotRealTest.class);

    @Inject
    ShapeSnapshots snapshots;

    @Inject
    Hypervisor hypervisor;

    @Inject
    ImageStore images;

    @Inject
    ManagementNetwork management;

    record Clone(String domain, String volume, String hostname, String ip, List<String> macs, NodeSecrets hostKey) {
    }

    @Test
    void twoMachinesRestoredFromOneSavedShapeRunSideBySideEachWithItsOwnIdentity() throws Exception {
        BaseImage image = images.find("debian-base");
        Shape shape = snapshots.shapeOf(image, 256, 1, 2);
        long built = System.nanoTime();
        ShapeSnapshots.Snapshot snapshot = snapshots.find(shape).orElseGet(() -> snapshots.build(shape, LOG::info));
        LOG.infof("Shape %s ready in %d s", shape.id(), (System.nanoTime() - built) / 1_000_000_000);

        List<Clone> clones = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            String domain = hypervisor.prefix() + "clone-test-" + i;
            clones.add(new Clone(domain, domain + ".qcow2", "clone" + i, management.nodeAddress(240 + i),
                    List.of(ManagementNetwork.nodeMac(240 + i), String.format("52:54:00:7e:01:%02x", i)),
                    NodeSecrets.generate("clone" + i)));
        }
        try {
            for (Clone c : clones) {
                long started = System.nanoTime();
                hypervisor.ensureOverlay(c.volume(), snapshot.disk(), image.virtualSize());
                String config = "hostname=" + c.hostname() + "\nmgmt=" + c.macs().get(0) + " " + c.ip() + "/" + management.prefix()
                        + "\nnic=" + c.macs().get(1) + " none\n";
                DomainSpec spec = new DomainSpec(c.domain(), new DomainSpec.Owner(hypervisor.instance(), "test", c.hostname(), "-"),
                        256, 1, image, hypervisor.volumePath(c.volume()), hypervisor.consoleLog(c.domain()),
                        hypervisor.serialSocket(c.domain()),
                        List.of(new DomainSpec.Nic(management.name(), c.macs().get(0), c.ip()),
                                new DomainSpec.Nic(management.name(), c.macs().get(1))),
                        ShapeSnapshots.padded(config), null, hypervisor.firstBootFile(c.domain()));
                hypervisor.writeFirstBoot(spec.firstBootFile(), spec.firstBootConfig());
                hypervisor.define(c.domain(), DomainXml.of(spec, hypervisor.accelerator()));
                snapshots.restore(snapshot, c.domain());
                long restored = System.nanoTime();
                snapshots.reidentify(c.domain(), new ShapeSnapshots.Identity(c.macs(), c.hostKey().hostPrivateKey(),
                        c.hostKey().hostPublicKey(), null, false), Duration.ofSeconds(60));
                LOG.infof("%s: restored in %d ms, its own identity %d ms later", c.domain(), (restored - started) / 1_000_000,
                        (System.nanoTime() - restored) / 1_000_000);
            }
            List<String> machineIds = new ArrayList<>();
            List<String> hostKeys = new ArrayList<>();
            for (Clone c : clones) {
                assertTrue(hypervisor.isRunning(c.domain()));
                assertEquals(c.hostname(), run(c, "cat /etc/hostname; hostname").lines().distinct().reduce((a, b) -> a + "|" + b)
                        .orElse(""), "hostname file and kernel hostname");
                String macs = run(c, "cat /sys/class/net/*/address");
                for (String mac : c.macs()) assertTrue(macs.contains(mac), c.domain() + " has " + mac + ": " + macs);
                assertTrue(!macs.contains("52:54:00:5a:00:"), "no placeholder MAC left on " + c.domain() + ": " + macs);
                String addresses = "";
                for (int tries = 0; tries < 100 && !addresses.contains(c.ip() + "/"); tries++) {
                    addresses = run(c, "ip -4 -o addr show");
                    if (!addresses.contains(c.ip() + "/")) Thread.sleep(200);
                }
                assertTrue(addresses.contains(c.ip() + "/"), c.domain() + " has its management address: " + addresses);
                machineIds.add(run(c, "cat /etc/machine-id").strip());
                String given = c.hostKey().hostPublicKey().strip();
                String served = run(c, "ssh-keygen -y -f /etc/ssh/ssh_host_ecdsa_key").strip();
                assertEquals(given.substring(0, given.lastIndexOf(' ')), served.split(" ")[0] + " " + served.split(" ")[1],
                        "sshd's private key on " + c.domain() + " is the platform's");
                assertEquals(given, run(c, "cat /etc/ssh/ssh_host_ecdsa_key.pub").strip(), "and its public half");
                hostKeys.add(served);
                assertTrue(Files.notExists(snapshot.memory().resolveSibling(c.domain() + ".save")), "the copy is deleted");
            }
            assertNotEquals(machineIds.get(0), machineIds.get(1), "machine-ids " + machineIds);
            assertNotEquals(hostKeys.get(0), hostKeys.get(1), "host keys " + hostKeys);
            String clock = run(clones.get(0), "date +%s").strip();
            assertTrue(Math.abs(Long.parseLong(clock) - System.currentTimeMillis() / 1000) < 30, "the clock is the host's: " + clock);
        } finally {
            for (Clone c : clones) {
                hypervisor.removeDomain(c.domain(), hypervisor.consoleLog(c.domain()));
                hypervisor.removeVolume(c.volume());
            }
        }
    }

    private String run(Clone c, String command) throws Exception {
        Hypervisor.GuestCommand r = hypervisor.guestExec(c.domain(), command, Duration.ofSeconds(30));
        assertEquals(0, r.exit(), command + " on " + c.domain() + ": " + new String(r.stderr(), StandardCharsets.UTF_8));
        return new String(r.stdout(), StandardCharsets.UTF_8);
    }
}
