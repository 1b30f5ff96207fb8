package io.atelier.grading;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.atelier.check.Verification;

/**
 * What the trainee sees of their submitted work ("Rendre"): when and by whom it was
 * submitted, the hash that seals the final results, criteria acquired and points, and per
 * task the same view as a verification (never a command).
 */
public record Submission(UUID labId, Instant submittedAt, String submittedBy, String hash, boolean intact,
        int acquiredCriteria, int totalCriteria, double points, double maxPoints, List<Verification.TaskResult> tasks) {
}
