package io.atelier.grading;

import java.time.Instant;

/**
 * A trainer's or validator's decision on one criterion of a graded lab: the value the checks
 * gave ({@code computed}), the value it replaced ({@code previous}, which differs from
 * {@code computed} after an earlier override), the new value, who, when and why.
 */
public record GradeOverride(String criterionId, boolean computed, boolean previous, boolean acquired, String reason,
        String actor, Instant at) {
}
