package io.atelier.grading;

import java.util.List;

import io.atelier.check.CheckRun;
import io.atelier.document.Text;

/**
 * A lab's final run read against its referential: points and acquired criteria per block,
 * competency and criterion, in the referential's order, limited to the criteria the
 * template's checks cite.
 */
public record Grade(double points, double maxPoints, int acquiredCriteria, int totalCriteria, List<BlockGrade> blocks) {

    public record BlockGrade(String id, Text title, double points, double maxPoints, List<CompetencyGrade> competencies) {
    }

    public record CompetencyGrade(String id, Text title, double points, double maxPoints, List<CriterionGrade> criteria) {
    }

    /**
     * One criterion: {@code computed} from its checks against {@code threshold} (percent of
     * {@code maxPoints}), {@code acquired} after the last override if any. {@code unverified}
     * when one of its checks could not run (ERROR): a validator should look at it. {@code given}
     * when all its checks belong to tasks the trainer gave by catching the lab up: "given by
     * the trainer", never computed as acquired.
     */
    public record CriterionGrade(String id, Text text, double points, double maxPoints, double threshold, boolean computed,
            boolean acquired, boolean unverified, boolean given, GradeOverride override, List<CheckRun.Result> checks) {
    }

    public List<CriterionGrade> criteria() {
        return blocks.stream().flatMap(b -> b.competencies().stream()).flatMap(c -> c.criteria().stream()).toList();
    }
}
