package io.atelier.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.atelier.template.TemplateLoader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The prover on real TCG VMs: every shipped template is proved on one lab (untouched lab,
 * its counterexamples and alternatives, its solutions in order, a reboot by the platform),
 * and a template whose check accepts a wrong state and refuses a valid one is not, the
 * prover naming each surprise. The prover's lab is deleted either way.
 */
@QuarkusTest
@TestProfile(PartageLabProfile.class)
@QuarkusTestResource(EmbeddedDatabaseTestResource.class)
class ProverRealTest {

    @Inject
    Prover prover;

    @Inject
    LabStore labs;

    static Stream<String> shippedTemplates() {
        return TemplateLoader.templateFolders(java.nio.file.Path.of("lab-templates")).stream()
                .map(p -> p.getFileName().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedTemplates")
    void everyShippedTemplateIsProvedOnOneLab(String template) {
        List<String> progress = new ArrayList<>();
        Prover.Proof proof = prover.prove(template, "admin", line -> {
            progress.add(line);
            System.out.println("prove: " + line);
        });
        assertTrue(proof.proved(), proof.summary() + "\n" + String.join("\n", proof.surprises()));
        assertTrue(progress.getLast().startsWith(template + ": proved — "), progress.getLast());
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
