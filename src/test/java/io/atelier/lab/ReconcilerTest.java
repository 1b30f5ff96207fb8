package io.atelier.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.hypervisor.Accelerator;
import io.atelier.hypervisor.DomainXml;
import io.atelier.hypervisor.DomainXmlTest;
import io.atelier.hypervisor.Hypervisor;
import io.atelier.hypervisor.NetworkXml;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Reconciliation between libvirt (its test driver) and the database: orphans are deleted,
 * another platform's objects are left alone, a lab whose VM vanished is FAILED with the
 * reason, an interrupted provisioning is taken up again, an expired lab is reaped.
 */
@QuarkusTest
@TestProfile(LabTestProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class ReconcilerTest {

    @Inject
    Reconciler reconciler;

    @Inject
    Hypervisor hypervisor;

    @Inject
    LabStore store;

    @Inject
    LabService labs;

    @Inject
    DataSource db;

    @Test
    void objectsOfAnUnknownLabAreDeletedAndAnotherInstancesAreKept() {
        reconciler.ensureInfrastructure();
        UUID ghost = UUID.randomUUID();
        String domain = "atelier-test-" + ghost + "-fw";
        String network = "atelier-test-" + ghost + "-lan";
        String volume = ghost + "-fw.qcow2";
        String foreign = "atelier-other-" + ghost + "-fw";
        hypervisor.ensureNetwork(network, NetworkXml.lab(network, "atl-ghost001"));
        hypervisor.ensureOverlay(volume, Path.of("/img/base.qcow2"), 1L << 30);
        hypervisor.ensureRunning(domain, DomainXml.of(renamed(domain), Accelerator.TCG));
        hypervisor.ensureRunning(foreign, DomainXml.of(renamed(foreign), Accelerator.TCG));

        Reconciler.Report report = reconciler.reconcile();

        assertTrue(report.removed().containsAll(List.of("domain " + domain, "volume " + volume, "network " + network)),
                report.toString());
        assertFalse(hypervisor.inventory().toString().contains(ghost.toString()));
        assertTrue(hypervisor.exists(foreign), "another instance's VM is not this platform's to delete");
        hypervisor.removeDomain(foreign, Path.of("target/none.log"));
    }

    @Test
    void aSettledLabWhoseVmVanishedIsFailedWithTheReason() {
        Lab lab = insert(LabState.READY, Instant.now().plusSeconds(3600));
        Reconciler.Report report = reconciler.reconcile();
        assertTrue(report.failed().contains(lab.id()), report.toString());
        Lab after = store.find(lab.id()).orElseThrow();
        assertEquals(LabState.FAILED, after.state());
        assertEquals("VM atelier-test-" + lab.id() + "-poste vanished from the hypervisor", after.reason());
        labs.delete(lab.id(), "test", java.time.Duration.ofSeconds(30));
    }

    @Test
    void aProvisioningThatNoJobCarriesIsTakenUpAgain() {
        Lab lab = insert(LabState.PROVISIONING, Instant.now().plusSeconds(3600));
        Reconciler.Report report = reconciler.reconcile();
        assertTrue(report.resumed().contains(lab.id()), report.toString());
        assertTrue(labs.awaitJobs(lab.id(), java.time.Duration.ofSeconds(60)));
        assertEquals(LabState.FAILED, store.find(lab.id()).orElseThrow().state(), "the test driver's VM never answers");
        assertTrue(hypervisor.exists("atelier-test-" + lab.id() + "-poste"), "the resumed job created the VM");
        labs.delete(lab.id(), "test", java.time.Duration.ofSeconds(60));
        assertFalse(hypervisor.inventory().toString().contains(lab.id().toString()));
    }

    @Test
    void aResetInterruptedBeforeItsDisksWereWipedWipesThemWhenTakenUpAgain() throws Exception {
        Lab lab = insert(LabState.PROVISIONING, Instant.now().plusSeconds(3600));
        // the reset was recorded (state and wipe_pending committed together), then the platform stopped before wiping
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("update lab set wipe_pending = true where id = '" + lab.id() + "'");
        }
        Reconciler.Report report = reconciler.reconcile();
        assertTrue(report.resumed().contains(lab.id()), report.toString());
        assertTrue(labs.awaitJobs(lab.id(), java.time.Duration.ofSeconds(60)));
        assertFalse(store.wipePending(lab.id()), "the wipe is done");
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select reason from lab_event where lab_id = '" + lab.id() + "' order by id")) {
            List<String> events = new java.util.ArrayList<>();
            while (rs.next()) events.add(rs.getString(1));
            assertTrue(events.contains("disks wiped for the reset"), events.toString());
        }
        labs.delete(lab.id(), "test", java.time.Duration.ofSeconds(60));
    }

    @Test
    void anExpiredLabIsReaped() {
        Lab lab = insert(LabState.READY, Instant.now().minusSeconds(1));
        Reconciler.Report report = reconciler.reconcile();
        assertTrue(report.expired().contains(lab.id()), report.toString());
        Lab after = store.find(lab.id()).orElseThrow();
        assertEquals(LabState.EXPIRED, after.state());
        assertTrue(after.reason().startsWith("its time ran out"), after.reason());
    }

    /** A one-node lab written straight to the database, with no VM behind it. */
    Lab insert(LabState state, Instant expires) {
        UUID id = UUID.randomUUID();
        LabKeys keys = LabKeys.generate("test");
        Lab lab = store.insert(1, 256, new LabLimits(100, 1 << 20), 200, slots -> new Lab(id, "un-poste", "h",
                "stagiaire1", "formateur1", LabState.REQUESTED, null,
                new LabPlan(List.of(), List.of(new LabPlan.Node("poste", "debian-base", 256, 1,
                        "atelier-test-" + id + "-poste", id + "-poste.qcow2", slots.get(0), "10.214.0." + (slots.get(0) + 1),
                        "52:54:00:00:00:" + String.format("%02x", slots.get(0)), List.of(), List.of("serial"), null))),
                Map.of(), "pw", keys.privateKey(), keys.publicKey(), Instant.now(), Instant.now(), null, expires));
        if (state != LabState.REQUESTED) {
            store.move(id, EnumSet.of(LabState.REQUESTED), LabState.PROVISIONING, null, "test");
        }
        if (state == LabState.READY) {
            store.move(id, EnumSet.of(LabState.PROVISIONING), LabState.READY, null, "test");
        }
        return store.find(id).orElseThrow();
    }

    static io.atelier.hypervisor.DomainSpec renamed(String name) {
        var spec = DomainXmlTest.fw();
        return new io.atelier.hypervisor.DomainSpec(name, spec.owner(), 256, 1, spec.image(), spec.disk(),
                Path.of("target/" + name + ".log"), Path.of("target/" + name + ".sock"), List.of(), spec.firstBootConfig());
    }
}
