package io.atelier.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.atelier.check.PartageLabProfile;
import io.atelier.database.EmbeddedDatabaseTestResource;
import io.atelier.lab.LabState;
import io.atelier.lab.LabStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The prover on real TCG VMs: every template shipped in {@code lab-templates/} is proved, one
 * lab each (its counterexamples, alternatives and solutions in order, then a reboot). And on
 * test templates of one small node: a sound one, whose main
 * check runs from the examiner's node, is proved on one lab (untouched lab, its counterexample
 * and alternative each applied and undone, its solution, a reboot by the platform), and one
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

    /** The templates shipped in {@code lab-templates/}: a folder with a {@code template.yaml}. */
    static Stream<String> shippedTemplates() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("lab-templates"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("template.yaml"))).map(d -> d.getFileName().toString())
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0} is proved")
    @MethodSource("shippedTemplates")
    void everyShippedTemplateIsProved(String template) {
        Prover.Proof proof = prover.prove(template, "admin", line -> System.out.println("prove: " + line));
        assertEquals(List.of(), proof.surprises(), proof.summary());
        assertTrue(proof.summary().startsWith(template + ": proved — "), proof.summary());
        assertNoLabLeft();
    }

    @Test
    void aSoundTemplateIsProvedOnOneLabThroughItsCounterexampleItsAlternativeItsSolutionAndAReboot() {
        List<String> progress = new ArrayList<>();
        Prover.Proof proof = prover.prove("preuve-juste", "admin", line -> {
            progress.add(line);
            System.out.println("prove: " + line);
        });
        assertEquals(List.of(), proof.surprises(), proof.summary());
        assertTrue(proof.summary().startsWith("preuve-juste: proved — 7 stages, 2 checks, 1 counterexample(s), "
                + "1 alternative(s), in "), proof.summary());
        assertEquals(List.of("untouched lab: 0/2", "counterexample mot-dans-le-fichier-seulement (task mot): 1/2",
                "undo of mot-dans-le-fichier-seulement (task mot): 0/2", "alternative mot-en-majuscules (task mot): 2/2",
                "undo of mot-en-majuscules (task mot): 0/2", "solution of task mot: 2/2", "solved lab after a reboot: 2/2"),
                progress.stream().filter(l -> l.startsWith("preuve-juste: ["))
                        .map(l -> l.replaceFirst("^preuve-juste: \\[\\d+/7] ", "").replaceFirst(" checks pass.*", ""))
                        .toList());
        assertTrue(progress.stream().anyMatch(l -> l.contains("lab powered off and booted again by the platform")));
        assertNoLabLeft();
    }

    @Test
    void aTemplateWhoseCheckAcceptsAWrongStateAndRefusesAValidOneIsNotProved() {
        Prover.Proof proof = prover.prove("preuve-fausse", "admin", line -> System.out.println("prove: " + line));
        assertEquals(List.of(
                "preuve-fausse, counterexample mot-ecrit-a-la-main (task mot), check mot-present: PASS, expected FAIL"
                        + " (the check accepts this wrong state)",
                "preuve-fausse, alternative mot-en-majuscules (task mot), check mot-present: FAIL, expected PASS"
                        + " (the check refuses this valid solution)"),
                proof.surprises());
        assertTrue(proof.summary().startsWith("preuve-fausse: 2 surprise(s) — 7 stages, 1 checks, 1 counterexample(s), "
                + "1 alternative(s), in "), proof.summary());
        assertNoLabLeft();
    }

    private void assertNoLabLeft() {
        assertTrue(labs.live().stream().noneMatch(l -> l.trainee().equals(Prover.TRAINEE) && l.state() != LabState.DESTROYED),
                "the prover deletes its lab");
    }
}
