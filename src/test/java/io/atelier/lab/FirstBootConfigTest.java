package io.atelier.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The first-boot text of a node: the examiner's node, and only it, gets a {@code netns=} line
 * for each lab NIC after its first (moved by its image into a namespace named after the
 * network), its {@code nic=} lines unchanged; a trainee's node with two NICs (a router) keeps
 * both in its main namespace.
 */
class FirstBootConfigTest {

    static final LabPlan.Nic LAN = new LabPlan.Nic("lan", "atl-lan", "52:54:00:00:01:01", "192.168.10.30/24", "192.168.10.1");
    static final LabPlan.Nic WAN = new LabPlan.Nic("wan", "atl-wan", "52:54:00:00:01:02", "203.0.113.30/24", null);
    static final LabPlan.Nic DMZ = new LabPlan.Nic("dmz", "atl-dmz", "52:54:00:00:01:03", "172.16.0.30/24", null);

    static LabPlan.Node node(String name, List<LabPlan.Nic> nics) {
        return new LabPlan.Node(name, "debian-base", 256, 1, "d-" + name, "v", 1, "10.215.0.2", "52:54:00:00:00:01", nics,
                List.of(), null);
    }

    static String config(LabPlan.Node node) {
        return config(node, "stagiaire1");
    }

    static String config(LabPlan.Node node, String trainee) {
        return FirstBootConfig.of(lab(node, trainee), node, 24, null);
    }

    static Lab lab(LabPlan.Node node, String trainee) {
        Instant now = Instant.now();
        return new Lab(UUID.randomUUID(), "pare-feu", "h", trainee, "formateur1", LabState.REQUESTED, null,
                new LabPlan(List.of(), List.of(node)), Map.of(), "motdepasse", "prv", "ecdsa-sha2-nistp256 AAAA lab", now,
                now, null, now);
    }

    static List<String> lines(String config, String key) {
        return config.lines().filter(l -> l.startsWith(key + "=")).toList();
    }

    @Test
    void theExaminersNicsAfterTheFirstEachGetTheirNamespaceNamedAfterTheirNetwork() {
        String config = config(node("examiner", List.of(LAN, WAN, DMZ)));
        assertEquals(List.of("nic=52:54:00:00:01:01 192.168.10.30/24 192.168.10.1", "nic=52:54:00:00:01:02 203.0.113.30/24",
                "nic=52:54:00:00:01:03 172.16.0.30/24"), lines(config, "nic"), "nic lines as before");
        assertEquals(List.of("netns=52:54:00:00:01:02 wan", "netns=52:54:00:00:01:03 dmz"), lines(config, "netns"));
        assertEquals(List.of(), lines(config, "trainee"));
    }

    @Test
    void anExaminerWithOneNicAndATraineesRouterGetNoNamespace() {
        assertEquals(List.of(), lines(config(node("examiner", List.of(LAN))), "netns"), "one NIC: the main namespace");
        String router = config(node("fw", List.of(WAN, LAN)));
        assertEquals(List.of(), lines(router, "netns"), "a trainee's node keeps every NIC in its main namespace");
        assertEquals(2, lines(router, "nic").size());
        assertEquals(List.of("trainee=stagiaire1"), lines(router, "trainee"));
    }

    @Test
    void aPooledLabsNodeHasNoTraineeAccountUntilItIsClaimed() {
        String config = config(node("fw", List.of(WAN, LAN)), "");
        assertEquals(List.of(), lines(config, "trainee"));
        assertEquals(List.of(), lines(config, "trainee_password"));
        assertEquals(List.of("hostname=fw"), lines(config, "hostname"), "the rest of its identity as any node's");
    }

    @Test
    void aRestoredNodesConfigurationLeavesItsAccountAndHostKeyToItsIdentity() {
        LabPlan.Node fw = node("fw", List.of(WAN, LAN));
        Lab lab = lab(fw, "stagiaire1");
        String cold = FirstBootConfig.of(lab, fw, 24, "-----BEGIN EC PRIVATE KEY-----");
        String restored = FirstBootConfig.restored(lab, fw, 24);
        assertEquals(List.of("trainee=stagiaire1"), lines(cold, "trainee"));
        assertEquals(1, lines(cold, "host_key").size());
        assertEquals(List.of(), lines(restored, "trainee"));
        assertEquals(List.of(), lines(restored, "trainee_password"));
        assertEquals(List.of(), lines(restored, "host_key"));
        assertEquals(cold.lines().filter(l -> !l.startsWith("trainee") && !l.startsWith("host_key=")).toList(),
                restored.lines().toList(), "the rest as a node booted cold");
    }
}
