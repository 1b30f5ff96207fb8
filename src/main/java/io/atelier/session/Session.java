package io.atelier.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A session as stored: a template run for a class, its mode ({@code entrainement} with hints
 * and unlimited verifications, {@code examen} with hints hidden and at most
 * {@code verificationLimit} verifications), its time, and one lab per trainee.
 */
public record Session(UUID id, String title, String templateId, String createdBy, String mode, int durationMinutes,
        int extensionMinutes, Integer verificationLimit, State state, Instant startAt, Instant startedAt,
        Instant pausedSince, long pausedSeconds, Instant endedAt, Instant createdAt, List<Member> members) {

    public static final String PRACTICE = "entrainement";
    public static final String EXAM = "examen";

    public enum State {
        PLANNED, RUNNING, PAUSED, ENDED
    }

    /** A trainee of the session, their lab and their accommodations. */
    public record Member(String trainee, UUID labId, boolean tiersTemps, int extraMinutes, int givenBackMinutes) {

        public SessionClock.Allowance allowance() {
            return new SessionClock.Allowance(tiersTemps, extraMinutes, givenBackMinutes);
        }
    }

    public SessionClock.Timing timing() {
        return new SessionClock.Timing(startedAt, pausedSince, pausedSeconds, endedAt);
    }

    public boolean exam() {
        return EXAM.equals(mode);
    }

    public Optional<Member> member(String trainee) {
        return members.stream().filter(m -> m.trainee().equals(trainee)).findFirst();
    }
}
