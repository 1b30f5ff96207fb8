package io.atelier.grading;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.atelier.check.CheckResult;
import io.atelier.check.CheckRun;
import io.atelier.referential.Referential;
import io.atelier.template.TemplateSpec;

/**
 * Turns a run's results into a {@link Grade}. A check's points count for every criterion it
 * cites; a competency or block counts each of its checks once, however many of its criteria
 * the check cites. A criterion is acquired when the points of its passing checks reach its
 * threshold (percent of its points, 100 unless the template says otherwise); the last
 * override of a criterion, if any, decides instead.
 *
 * <p>The checks of a task the trainer gave (by catching the lab up) earn no points: a
 * criterion evidenced only by such checks is "given by the trainer" and not acquired by its
 * checks (an override, the jury's word in the audit log, still decides); the run and its
 * seal are read as they are.
 */
public final class Grading {

    private Grading() {
    }

    public static Grade grade(Referential referential, TemplateSpec.Grading rules, CheckRun run, List<GradeOverride> overrides) {
        return grade(referential, rules, run, overrides, Set.of());
    }

    /** @param givenTasks the tasks the trainer gave: their checks earn nothing */
    public static Grade grade(Referential referential, TemplateSpec.Grading rules, CheckRun run, List<GradeOverride> overrides,
            Set<String> givenTasks) {
        Map<String, GradeOverride> last = new HashMap<>();
        overrides.forEach(o -> last.put(o.criterionId(), o));
        Map<String, List<CheckRun.Result>> byCriterion = new HashMap<>();
        for (CheckRun.Result r : run.results()) {
            r.criteria().forEach(c -> byCriterion.computeIfAbsent(c, k -> new ArrayList<>()).add(r));
        }
        List<Grade.BlockGrade> blocks = new ArrayList<>();
        int acquired = 0;
        int total = 0;
        for (Referential.Block block : referential.blocks()) {
            List<Grade.CompetencyGrade> competencies = new ArrayList<>();
            Set<CheckRun.Result> blockChecks = new LinkedHashSet<>();
            for (Referential.Competency competency : block.competencies()) {
                List<Grade.CriterionGrade> criteria = new ArrayList<>();
                Set<CheckRun.Result> competencyChecks = new LinkedHashSet<>();
                for (Referential.Criterion criterion : competency.criteria()) {
                    List<CheckRun.Result> checks = byCriterion.get(criterion.id());
                    if (checks == null) continue;
                    Grade.CriterionGrade grade = criterion(criterion, rules.thresholdOf(criterion.id()), checks,
                            last.get(criterion.id()), givenTasks);
                    criteria.add(grade);
                    competencyChecks.addAll(checks);
                    total++;
                    if (grade.acquired()) acquired++;
                }
                if (criteria.isEmpty()) continue;
                competencies.add(new Grade.CompetencyGrade(competency.id(), competency.title(), earned(competencyChecks, givenTasks),
                        possible(competencyChecks), criteria));
                blockChecks.addAll(competencyChecks);
            }
            if (competencies.isEmpty()) continue;
            blocks.add(new Grade.BlockGrade(block.id(), block.title(), earned(blockChecks, givenTasks), possible(blockChecks),
                    competencies));
        }
        return new Grade(earned(run.results(), givenTasks), possible(run.results()), acquired, total, blocks);
    }

    private static Grade.CriterionGrade criterion(Referential.Criterion criterion, double threshold,
            List<CheckRun.Result> checks, GradeOverride override, Set<String> givenTasks) {
        double points = earned(checks, givenTasks);
        double max = possible(checks);
        boolean given = checks.stream().allMatch(r -> givenTasks.contains(r.taskId()));
        boolean computed = !given && (max > 0 ? points * 100 >= threshold * max - 1e-9
                : checks.stream().allMatch(r -> r.passed() && !givenTasks.contains(r.taskId())));
        boolean unverified = checks.stream().anyMatch(r -> r.verdict() == CheckResult.Verdict.ERROR);
        boolean acquired = override != null ? override.acquired() : computed;
        return new Grade.CriterionGrade(criterion.id(), criterion.text(), points, max, threshold, computed, acquired,
                unverified, given, override, List.copyOf(checks));
    }

    /** The points of the passing checks, but for those of tasks the trainer gave. */
    private static double earned(Iterable<CheckRun.Result> checks, Set<String> givenTasks) {
        double sum = 0;
        for (CheckRun.Result r : checks) if (r.passed() && !givenTasks.contains(r.taskId())) sum += r.points();
        return sum;
    }

    private static double possible(Iterable<CheckRun.Result> checks) {
        double sum = 0;
        for (CheckRun.Result r : checks) sum += r.points();
        return sum;
    }
}
