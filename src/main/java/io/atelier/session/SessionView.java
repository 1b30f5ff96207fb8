package io.atelier.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.atelier.document.Text;
import io.atelier.lab.LabState;

/**
 * A session as the trainer's grid shows it: its settings and state, and per trainee their
 * lab's state, their time (allowed minutes, deadline, seconds left), tasks passed at the
 * last verification (or in the submission) and when they submitted.
 */
public record SessionView(UUID id, String title, String templateId, Text templateTitle, String createdBy, String mode,
        int durationMinutes, int extensionMinutes, Integer verificationLimit, Session.State state, Instant startAt,
        Instant startedAt, Instant pausedSince, Instant endedAt, Instant createdAt, List<TraineeRow> trainees) {

    public record TraineeRow(String trainee, UUID labId, LabState labState, boolean tiersTemps, int extraMinutes,
            int givenBackMinutes, double allowedMinutes, Instant deadline, Long remainingSeconds, Integer passedTasks,
            int totalTasks, Instant lastVerificationAt, Instant submittedAt) {
    }

    /** What a trainee's lab page shows of its session. */
    public record ForTrainee(UUID sessionId, String title, String mode, Session.State state, Instant deadline,
            Long remainingSeconds, Integer verificationLimit, Integer verificationsLeft, boolean hintsHidden) {
    }
}
