package io.atelier.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.atelier.check.CheckResult.Verdict;
import io.atelier.check.CheckRun;
import io.atelier.document.Text;
import io.atelier.referential.Referential;
import io.atelier.template.TemplateSpec;

/** Points and acquired criteria on hand-built results, thresholds, overrides. */
class GradingTest {

    static final Referential REFERENTIAL = new Referential("ref", new Text("Réf", null), null, null, null, List.of(
            new Referential.Block("B1", new Text("Bloc 1", null), null, List.of(
                    new Referential.Competency("C1", new Text("Compétence 1", null), List.of(
                            criterion("C1.a"), criterion("C1.b"), criterion("C1.jamais-cite"))),
                    new Referential.Competency("C2", new Text("Compétence 2", null), List.of(criterion("C2.c"))))),
            new Referential.Block("B2", new Text("Bloc 2", null), null, List.of(
                    new Referential.Competency("C3", new Text("Compétence 3", null), List.of(criterion("C3.x")))))));

    static Referential.Criterion criterion(String id) {
        return new Referential.Criterion(id, new Text("Texte de " + id, null), true);
    }

    static CheckRun.Result result(String id, double points, Verdict verdict, String... criteria) {
        return resultOf("tache", id, points, verdict, criteria);
    }

    static CheckRun.Result resultOf(String task, String id, double points, Verdict verdict, String... criteria) {
        return new CheckRun.Result(id, task, List.of(criteria), points, null, null, verdict, "ssh", "true", 0, "",
                null, Instant.now(), 10);
    }

    /** k1 (2 pts, PASS) and k2 (1 pt, FAIL) cite C1.a; k2 also cites C1.b with k3 (PASS); k4 (ERROR) cites C2.c. */
    static final CheckRun RUN = new CheckRun(UUID.randomUUID(), UUID.randomUUID(), CheckRun.Kind.FINAL, "stagiaire1", 1,
            Instant.now(), Instant.now(), List.of(
                    result("k1", 2, Verdict.PASS, "C1.a"),
                    result("k2", 1, Verdict.FAIL, "C1.a", "C1.b"),
                    result("k3", 1, Verdict.PASS, "C1.b"),
                    result("k4", 1, Verdict.ERROR, "C2.c")), "h", true);

    static final TemplateSpec.Grading ALL_CHECKS = new TemplateSpec.Grading(null, null);

    static Grade.CriterionGrade criterion(Grade grade, String id) {
        return grade.criteria().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void pointsAddUpPerCriterionAndEachCheckCountsOncePerCompetencyAndBlock() {
        Grade grade = Grading.grade(REFERENTIAL, ALL_CHECKS, RUN, List.of());
        Grade.CriterionGrade a = criterion(grade, "C1.a");
        assertEquals(2, a.points());
        assertEquals(3, a.maxPoints());
        Grade.CriterionGrade b = criterion(grade, "C1.b");
        assertEquals(1, b.points());
        assertEquals(2, b.maxPoints());
        assertEquals(List.of("k2", "k3"), b.checks().stream().map(CheckRun.Result::checkId).toList());
        Grade.CompetencyGrade c1 = grade.blocks().get(0).competencies().get(0);
        assertEquals(3, c1.points(), "k2 cites two criteria of C1 but counts once");
        assertEquals(4, c1.maxPoints());
        assertEquals(3, grade.blocks().get(0).points());
        assertEquals(5, grade.blocks().get(0).maxPoints());
        assertEquals(3, grade.points());
        assertEquals(5, grade.maxPoints());
    }

    @Test
    void onlyCitedCriteriaAppearInTheReferentialsOrder() {
        Grade grade = Grading.grade(REFERENTIAL, ALL_CHECKS, RUN, List.of());
        assertEquals(List.of("C1.a", "C1.b", "C2.c"), grade.criteria().stream().map(Grade.CriterionGrade::id).toList());
        assertEquals(List.of("B1"), grade.blocks().stream().map(Grade.BlockGrade::id).toList(), "B2 has no cited criterion");
        assertEquals(3, grade.totalCriteria());
    }

    @Test
    void byDefaultACriterionIsAcquiredOnlyWhenAllItsChecksPass() {
        Grade grade = Grading.grade(REFERENTIAL, ALL_CHECKS, RUN, List.of());
        assertFalse(criterion(grade, "C1.a").acquired());
        assertFalse(criterion(grade, "C1.b").acquired());
        assertEquals(0, grade.acquiredCriteria());

        CheckRun allPass = new CheckRun(RUN.id(), RUN.labId(), RUN.kind(), RUN.actor(), 1, RUN.startedAt(), RUN.finishedAt(),
                RUN.results().stream().map(r -> result(r.checkId(), r.points(), Verdict.PASS, r.criteria().toArray(String[]::new)))
                        .toList(), "h", true);
        Grade full = Grading.grade(REFERENTIAL, ALL_CHECKS, allPass, List.of());
        assertEquals(3, full.acquiredCriteria());
        assertEquals(100.0, criterion(full, "C1.a").threshold());
    }

    @Test
    void aTemplatePercentageLowersTheThresholdAndAPerCriterionOneWins() {
        Grade grade = Grading.grade(REFERENTIAL, new TemplateSpec.Grading(60.0, Map.of("C1.b", 75.0)), RUN, List.of());
        assertTrue(criterion(grade, "C1.a").acquired(), "2 of 3 points is 66.7 %, at least 60 %");
        assertFalse(criterion(grade, "C1.b").acquired(), "1 of 2 points is 50 %, under its own 75 %");
        assertEquals(75.0, criterion(grade, "C1.b").threshold());
        Grade exact = Grading.grade(REFERENTIAL, new TemplateSpec.Grading(50.0, null), RUN, List.of());
        assertTrue(criterion(exact, "C1.b").acquired(), "exactly the threshold is enough");
    }

    @Test
    void aCheckThatCouldNotRunLeavesItsCriterionNotAcquiredAndFlagged() {
        Grade grade = Grading.grade(REFERENTIAL, ALL_CHECKS, RUN, List.of());
        Grade.CriterionGrade c = criterion(grade, "C2.c");
        assertFalse(c.acquired());
        assertTrue(c.unverified());
        assertFalse(criterion(grade, "C1.a").unverified());
    }

    @Test
    void theLastOverrideDecidesAndTheComputedValueStays() {
        Instant now = Instant.now();
        List<GradeOverride> audit = List.of(
                new GradeOverride("C1.a", false, false, true, "vu en entretien", "validateur1", now),
                new GradeOverride("C1.b", false, false, true, "erreur de saisie", "formateur1", now),
                new GradeOverride("C1.b", false, true, false, "finalement non", "validateur1", now.plusSeconds(1)));
        Grade grade = Grading.grade(REFERENTIAL, ALL_CHECKS, RUN, audit);
        Grade.CriterionGrade a = criterion(grade, "C1.a");
        assertTrue(a.acquired());
        assertFalse(a.computed());
        assertEquals("vu en entretien", a.override().reason());
        Grade.CriterionGrade b = criterion(grade, "C1.b");
        assertFalse(b.acquired());
        assertEquals("validateur1", b.override().actor());
        assertNull(criterion(grade, "C2.c").override());
        assertEquals(1, grade.acquiredCriteria());
    }

    /** Every check passes: k1 (task t1) alone evidences C1.a; k2 (t1) and k3 (t2) C1.b; k4 (t2) C2.c. */
    static final CheckRun ALL_PASS_BY_TASK = new CheckRun(UUID.randomUUID(), UUID.randomUUID(), CheckRun.Kind.FINAL,
            "stagiaire1", 1, Instant.now(), Instant.now(), List.of(
                    resultOf("t1", "k1", 2, Verdict.PASS, "C1.a"),
                    resultOf("t1", "k2", 1, Verdict.PASS, "C1.b"),
                    resultOf("t2", "k3", 1, Verdict.PASS, "C1.b"),
                    resultOf("t2", "k4", 1, Verdict.PASS, "C2.c")), "h", true);

    @Test
    void aCriterionEvidencedOnlyByTasksTheTrainerGaveIsGivenByTheTrainerAndNotAcquiredThoughItsChecksPass() {
        Grade graded = Grading.grade(REFERENTIAL, ALL_CHECKS, ALL_PASS_BY_TASK, List.of(), java.util.Set.of("t1"));
        Grade.CriterionGrade a = criterion(graded, "C1.a");
        assertTrue(a.given());
        assertFalse(a.computed());
        assertFalse(a.acquired());
        assertEquals(0, a.points(), "a given check earns nothing");
        assertEquals(2, a.maxPoints());
        Grade.CriterionGrade b = criterion(graded, "C1.b");
        assertFalse(b.given(), "k3 is the trainee's own work");
        assertEquals(1, b.points());
        assertFalse(b.acquired(), "half its points were given: under the 100 % threshold");
        assertTrue(criterion(graded, "C2.c").acquired());
        assertFalse(criterion(graded, "C2.c").given());
        assertEquals(1, graded.acquiredCriteria(), "the given criterion counts as not acquired");
        assertEquals(2, graded.points());
        assertEquals(5, graded.maxPoints());
        assertEquals(1, graded.blocks().get(0).competencies().get(0).points());

        Grade untouched = Grading.grade(REFERENTIAL, ALL_CHECKS, ALL_PASS_BY_TASK, List.of());
        assertEquals(3, untouched.acquiredCriteria(), "without a task given, the same run acquires everything");
        assertFalse(criterion(untouched, "C1.a").given());
    }

    @Test
    void aGivenCriterionStaysGivenUnderAnyThresholdButTheJurysOverrideStillDecides() {
        Grade lenient = Grading.grade(REFERENTIAL, new TemplateSpec.Grading(0.0, null), ALL_PASS_BY_TASK, List.of(),
                java.util.Set.of("t1"));
        assertFalse(criterion(lenient, "C1.a").acquired(), "0 points of 2 reach a 0 % threshold, yet it was given");
        assertTrue(criterion(lenient, "C1.b").acquired(), "1 point of 2 reaches 0 %: the trainee did k3");

        Grade decided = Grading.grade(REFERENTIAL, ALL_CHECKS, ALL_PASS_BY_TASK, List.of(
                new GradeOverride("C1.a", false, false, true, "refait devant le jury", "validateur1", Instant.now())),
                java.util.Set.of("t1"));
        Grade.CriterionGrade a = criterion(decided, "C1.a");
        assertTrue(a.given());
        assertFalse(a.computed());
        assertTrue(a.acquired());
    }
}
