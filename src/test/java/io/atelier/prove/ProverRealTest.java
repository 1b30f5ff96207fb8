package io.atelier.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.atelier.check.PartageLabProfile;
import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.lab.Lab;
import io.atelier.lab.LabPlan;
import io.atelier.lab.LabService;
import io.atelier.lab.LabState;
import io.atelier.lab.LabStore;
import io.atelier.node.NodeRunner;
import io.atelier.node.NodeShell;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The prover on real TCG VMs (the templates shipped in {@code lab-templates/} are proved by
 * {@code ./atelier test} itself, on a platform of its own beside the other tests: the
 * {@code atelier} script's shipped_proofs_start), on
 * test templates of one small node: a sound one, whose main
 * check runs from the examiner's node, is proved on one lab (untouched lab, its counterexample
 * and alternative each tried and the lab taken back to its checkpoint, its solution, a reboot
 * by the platform), and one
 * whose check accepts a wrong state and refuses a valid one is not, the prover naming each
 * surprise. The prover's lab is deleted either way.
 */
@QuarkusTest
@TestProfile(PartageLabProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class ProverRealTest {

    @Inject
    Prover prover;

    @Inject
    LabStore labs;

    @Inject
    LabService labService;

    @Inject
    NodeRunner runner;

    @Test
    void aSoundTemplateIsProvedOnOneLabThroughItsCounterexampleItsAlternativeItsSolutionAndAReboot() {
        List<String> progress = new ArrayList<>();
        Prover.Proof proof = prover.prove("preuve-juste", "admin", line -> {
            progress.add(line);
            System.out.println("prove: " + line);
        });
        assertEquals(List.of(), proof.surprises(), proof.summary());
        assertTrue(proof.summary().startsWith("preuve-juste: proved — 5 stages, 2 checks, 1 counterexample(s), "
                + "1 alternative(s), in "), proof.summary());
        List<String> stages = progress.stream().filter(l -> l.startsWith("preuve-juste: [")).toList();
        assertEquals(List.of("untouched lab: 0/2", "counterexample mot-dans-le-fichier-seulement (task mot): 1/2",
                "alternative mot-en-majuscules (task mot): 2/2", "solution of task mot: 2/2", "solved lab after a reboot: 2/2"),
                stages.stream().map(l -> l.replaceFirst("^preuve-juste: \\[\\d+/5] ", "").replaceFirst(" checks pass.*", ""))
                        .toList());
        assertEquals(List.of(false, true, true, false, false), stages.stream().map(l -> l.contains("lab back at its checkpoint")).toList());
        assertTrue(progress.stream().anyMatch(l -> l.contains("lab powered off and booted again by the platform")));
        assertNoLabLeft();
    }

    @Test
    void aTemplateWhoseCheckAcceptsAWrongStateAndRefusesAValidOneIsNotProved() {
        Prover.Proof proof = prover.prove("preuve-fausse", "admin", line -> System.out.println("prove: " + line));
        assertEquals(List.of(
                "preuve-fausse, counterexample mot-ecrit-a-la-main (task mot), check mot-present: PASS, expected FAIL"
                        + " (the check accepts this wrong state); its output ends: «alpha»",
                "preuve-fausse, alternative mot-en-majuscules (task mot), check mot-present: FAIL, expected PASS"
                        + " (the check refuses this valid solution); its output ends: «ALPHA»"),
                proof.surprises());
        assertTrue(proof.summary().startsWith("preuve-fausse: 2 surprise(s) — 5 stages, 1 checks, 1 counterexample(s), "
                + "1 alternative(s), in "), proof.summary());
        assertNoLabLeft();
    }

    /**
     * What the prover relies on between two stages: a lab taken back to its checkpoint has its
     * files as they were then (a file changed after it as before, one created after it gone)
     * and the host's time, though its checkpoint's clock is behind by the time the state took.
     */
    @Test
    void aLabTakenBackToItsCheckpointHasItsFilesAsTheyWereThenAndTheHostsTime() throws Exception {
        Lab lab = labService.create("preuve-juste", Prover.TRAINEE, "admin");
        try {
            lab = awaitReady(lab);
            LabPlan.Node poste = lab.plan().nodes().stream().filter(n -> n.name().equals("poste")).findFirst().orElseThrow();
            Duration bound = Duration.ofSeconds(60);
            assertTrue(runner.throughGuestAgent(poste, "echo avant > /root/etat && sync", null, bound).ok());
            labService.checkpoint(lab.id(), "essai");
            // the state tried: a file changed, one created, and 20 s of work
            assertTrue(runner.throughGuestAgent(poste, "echo apres > /root/etat && touch /root/nouveau && sync && sleep 20",
                    null, bound).ok());
            labService.returnTo(lab.id(), "essai");
            NodeShell.Result back = runner.throughGuestAgent(poste,
                    "cat /root/etat; test -e /root/nouveau && echo present || echo absent; date +%s", null, bound);
            long host = Instant.now().getEpochSecond();
            List<String> lines = back.stdout().lines().toList();
            assertEquals(List.of("avant", "absent"), lines.subList(0, 2), back.stdout());
            long guest = Long.parseLong(lines.get(2));
            assertTrue(Math.abs(guest - host) <= 5, "the guest's clock " + guest + ", the host's " + host);
        } finally {
            labService.delete(lab.id(), "admin", Duration.ofMinutes(2));
        }
    }

    /** The lab once READY, as a trainer waits for it (within 10 minutes). */
    private Lab awaitReady(Lab lab) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < until) {
            Lab now = labs.find(lab.id()).orElseThrow();
            if (now.state() == LabState.READY) return now;
            assertTrue(now.state() == LabState.PROVISIONING || now.state() == LabState.REQUESTED, "the lab is " + now.state());
            Thread.sleep(1000);
        }
        throw new AssertionError("the lab is not READY after 10 minutes");
    }

    private void assertNoLabLeft() {
        assertTrue(labs.live().stream().noneMatch(l -> l.trainee().equals(Prover.TRAINEE) && l.state() != LabState.DESTROYED),
                "the prover deletes its lab");
    }
}
