package io.atelier.check;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.atelier.document.Text;

/**
 * All checks of a lab run once, with their evidence: a trainee's "Vérifier"
 * ({@link Kind#VERIFICATION}) or the final run of a submission ({@link Kind#FINAL}), which
 * grading reads. A template with checks {@code after: reboot} also leaves the run made just
 * before the platform's reboot of the lab ({@link Kind#BEFORE_REBOOT}), which the final run
 * completes. A stored run carries {@code hash}; {@code intact} says whether the stored
 * results still match it.
 */
public record CheckRun(UUID id, UUID labId, Kind kind, String actor, int templateVersion, Instant startedAt,
        Instant finishedAt, List<Result> results, String hash, boolean intact) {

    public enum Kind {
        VERIFICATION, BEFORE_REBOOT, FINAL
    }

    /**
     * One check's outcome in a run, with what the grid needs to show it without the
     * template: its task, criteria, points and texts (placeholders filled), and the
     * evidence (transport, command, exit code, output excerpt, time).
     */
    public record Result(String checkId, String taskId, List<String> criteria, double points, Text description,
            Text feedback, CheckResult.Verdict verdict, String transport, String command, Integer exit, String output,
            String reason, Instant at, long tookMillis) {

        public boolean passed() {
            return verdict == CheckResult.Verdict.PASS;
        }
    }

    public boolean passed(String checkId) {
        return results.stream().anyMatch(r -> r.checkId().equals(checkId) && r.passed());
    }
}
