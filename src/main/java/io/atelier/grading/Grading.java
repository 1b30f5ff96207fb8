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
 */
public final class Grading {

    private Grading() {
    }

    public static Grade grade(Referential referential, TemplateSpec.Grading rules, CheckRun run, List<GradeOverride> overrides) {
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
                            last.get(criterion.id()));
                    criteria.add(grade);
                    competencyChecks.addAll(checks);
                    total++;
                    if (grade.acquired()) acquired++;
                }
                if (criteria.isEmpty()) continue;
                competencies.add(new Grade.CompetencyGrade(competency.id(), competency.title(), earned(competencyChecks),
                        possible(competencyChecks), criteria));
                blockChecks.addAll(competencyChecks);
            }
            if (competencies.isEmpty()) continue;
            blocks.add(new Grade.BlockGrade(block.id(), block.title(), earned(blockChecks), possible(blockChecks),
                    competencies));
        }
        return new Grade(earned(run.results()), possible(run.results()), acquired, total, blocks);
    }

    private static Grade.CriterionGrade criterion(Referential.Criterion criterion, double threshold,
            List<CheckRun.Result> checks, GradeOverride override) {
        double points = earned(checks);
        double max = possible(checks);
        boolean computed = max > 0 ? points * 100 >= threshold * max - 1e-9 : checks.stream().allMatch(CheckRun.Result::passed);
        boolean unverified = checks.stream().anyMatch(r -> r.verdict() == CheckResult.Verdict.ERROR);
        boolean acquired = override != null ? override.acquired() : computed;
        return new Grade.CriterionGrade(criterion.id(), criterion.text(), points, max, threshold, computed, acquired,
                unverified, override, List.copyOf(checks));
    }

    private static double earned(Iterable<CheckRun.Result> checks) {
        double sum = 0;
        for (CheckRun.Result r : checks) if (r.passed()) sum += r.points();
        return sum;
    }

    private static double possible(Iterable<CheckRun.Result> checks) {
        double sum = 0;
        for (CheckRun.Result r : checks) sum += r.points();
        return sum;
    }
}
