package io.atelier.check;

import java.time.Duration;
import java.time.Instant;

/**
 * One check's outcome with its evidence: which transport ran which command, its exit code,
 * an excerpt of its output, when, for how long, and why it did not pass. {@code ERROR}
 * means the check could not run (never a silent pass or fail).
 */
public record CheckResult(String checkId, Verdict verdict, String transport, String command, Integer exit,
        String output, String reason, Instant at, Duration took) {

    public enum Verdict {
        PASS, FAIL, ERROR
    }
}
