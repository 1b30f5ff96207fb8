package io.atelier.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the final run of a template with checks {@code after: reboot} is made of two runs:
 * every check's result from the run before the platform's reboot, except those checks,
 * whose result is the one of the run after it, with evidence that says so. A check that
 * could not run again (the lab did not come back) is ERROR with that reason, never the
 * result it had before the reboot.
 */
public final class AfterReboot {

    /** How the evidence of a result taken after the reboot begins. */
    public static final String EVIDENCE = "after the platform's reboot";

    private AfterReboot() {
    }

    /**
     * @param before     the results of every check, before the reboot, in the template's order
     * @param rebooted   the ids of the checks {@code after: reboot}
     * @param after      the results of those checks after the reboot, by check id (empty when
     *                   the lab did not come back)
     * @param notBack    why the lab did not come back after the reboot, or null when it did
     * @param now        when a check that could not run again is recorded
     */
    public static List<CheckRun.Result> combine(List<CheckRun.Result> before, Set<String> rebooted,
            Map<String, CheckRun.Result> after, String notBack, Instant now) {
        List<CheckRun.Result> results = new ArrayList<>();
        for (CheckRun.Result r : before) {
            if (!rebooted.contains(r.checkId())) {
                results.add(r);
                continue;
            }
            CheckRun.Result again = after.get(r.checkId());
            if (again == null) {
                String why = notBack != null ? "the lab did not come back after the platform's reboot (" + notBack + ")"
                        : "it was not run again after the platform's reboot";
                results.add(new CheckRun.Result(r.checkId(), r.taskId(), r.criteria(), r.points(), r.description(),
                        r.feedback(), CheckResult.Verdict.ERROR, null, r.command(), null, null,
                        "not verified: " + why, now, 0));
            } else {
                results.add(new CheckRun.Result(again.checkId(), again.taskId(), again.criteria(), again.points(),
                        again.description(), again.feedback(), again.verdict(), again.transport(), again.command(),
                        again.exit(), again.output(), again.reason() == null ? EVIDENCE : EVIDENCE + ": " + again.reason(),
                        again.at(), again.tookMillis()));
            }
        }
        return results;
    }
}
