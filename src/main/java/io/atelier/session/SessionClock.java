package io.atelier.session;

import java.time.Duration;
import java.time.Instant;

/**
 * The time rules of a session, in one place. A trainee is allowed the session's duration,
 * one third more with the "tiers temps" accommodation, plus the extensions given to
 * everyone, their own extra minutes and the minutes given back after a platform fault.
 * Working time runs from the start, stops during pauses and at the end; the deadline is
 * the start plus the allowed time plus the pauses so far (unknown while paused).
 */
public final class SessionClock {

    private SessionClock() {
    }

    /** When a session started, its pauses, and when it ended (each may be null). */
    public record Timing(Instant startedAt, Instant pausedSince, long pausedSeconds, Instant endedAt) {
    }

    /** What one trainee is allowed, beyond the session's duration and extensions. */
    public record Allowance(boolean tiersTemps, int extraMinutes, int givenBackMinutes) {
    }

    public static Duration allowed(int durationMinutes, int extensionMinutes, Allowance a) {
        Duration base = Duration.ofMinutes(durationMinutes);
        Duration tiers = a.tiersTemps() ? base.dividedBy(3) : Duration.ZERO;
        return base.plus(tiers).plusMinutes(extensionMinutes).plusMinutes(a.extraMinutes()).plusMinutes(a.givenBackMinutes());
    }

    /** Working time so far: wall time since the start, minus pauses, stopped at the end. */
    public static Duration worked(Timing t, Instant now) {
        if (t.startedAt() == null) return Duration.ZERO;
        Instant until = t.endedAt() != null ? t.endedAt() : t.pausedSince() != null ? t.pausedSince() : now;
        Duration worked = Duration.between(t.startedAt(), until).minusSeconds(t.pausedSeconds());
        return worked.isNegative() ? Duration.ZERO : worked;
    }

    /** Time left (never negative); null before the start. */
    public static Duration remaining(Timing t, Duration allowed, Instant now) {
        if (t.startedAt() == null) return null;
        Duration left = allowed.minus(worked(t, now));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The wall-clock deadline; null before the start and while paused (it moves with the pause). */
    public static Instant deadline(Timing t, Duration allowed) {
        if (t.startedAt() == null || t.pausedSince() != null) return null;
        Instant deadline = t.startedAt().plus(allowed).plusSeconds(t.pausedSeconds());
        return t.endedAt() != null && t.endedAt().isBefore(deadline) ? t.endedAt() : deadline;
    }
}
