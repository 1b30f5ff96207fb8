package io.atelier.grading;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.atelier.document.Text;

/**
 * A graded lab's evaluation grid: who, which template and referential, the final run's seal
 * ({@code hash}, and {@code intact} false if the stored results no longer match it), the
 * grade with the evidence of every check, the overrides' audit log, oldest first, and the
 * tasks the trainer gave by catching the lab up (their checks earn nothing), oldest first.
 */
public record Report(UUID labId, String trainee, String templateId, Text templateTitle, int templateVersion,
        Ref referential, Instant submittedAt, String submittedBy, String hash, boolean intact, Grade grade,
        List<GradeOverride> overrides, List<GivenTask> givenTasks) {

    public record Ref(String id, Text title) {
    }

    /** A task whose solution the platform applied when {@code givenBy} caught the lab up. */
    public record GivenTask(String taskId, String givenBy, Instant givenAt) {
    }
}
