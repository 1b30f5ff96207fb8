package io.atelier.check;

import java.time.Instant;
import java.util.List;

import io.atelier.document.Text;

/**
 * What a trainee's "Vérifier" shows: per task, whether it passes, and for each check its
 * description, its verdict and, when it does not pass, its feedback. Never a command nor
 * its output, which would give the answer away.
 */
public record Verification(Instant at, int passedTasks, int totalTasks, List<TaskResult> tasks) {

    public record TaskResult(String id, Text title, boolean passed, List<CheckView> checks) {
    }

    /** {@code verdict}: PASS, FAIL, or ERROR when the platform could not verify (not the trainee's fault). */
    public record CheckView(String id, Text description, CheckResult.Verdict verdict, Text feedback) {
    }
}
