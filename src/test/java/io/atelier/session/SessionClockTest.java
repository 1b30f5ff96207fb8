package io.atelier.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.atelier.session.SessionClock.Allowance;
import io.atelier.session.SessionClock.Timing;

/** Deadline arithmetic: tiers temps, extensions, extra and given-back minutes, pauses, the end. */
class SessionClockTest {

    static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    static final Allowance NONE = new Allowance(false, 0, 0);

    @Test
    void tiersTempsAddsAThirdOfTheDurationAndTheRestAddsUp() {
        assertEquals(Duration.ofMinutes(90), SessionClock.allowed(90, 0, NONE));
        assertEquals(Duration.ofMinutes(120), SessionClock.allowed(90, 0, new Allowance(true, 0, 0)));
        assertEquals(Duration.ofMinutes(40), SessionClock.allowed(30, 0, new Allowance(true, 0, 0)));
        assertEquals(Duration.ofSeconds(100 * 60 + 2000), SessionClock.allowed(100, 0, new Allowance(true, 0, 0)),
                "100 min + 33 min 20 s, not rounded");
        // an extension for everyone is not multiplied by the tiers temps; extra and given-back minutes add
        assertEquals(Duration.ofMinutes(120 + 10 + 15 + 7), SessionClock.allowed(90, 10, new Allowance(true, 15, 7)));
    }

    @Test
    void beforeTheStartThereIsNoDeadlineNorTimeLeft() {
        Timing planned = new Timing(null, null, 0, null);
        assertNull(SessionClock.deadline(planned, Duration.ofMinutes(90)));
        assertNull(SessionClock.remaining(planned, Duration.ofMinutes(90), T0));
    }

    @Test
    void theDeadlineIsTheStartPlusTheAllowedTime() {
        Timing running = new Timing(T0, null, 0, null);
        assertEquals(T0.plus(Duration.ofMinutes(120)), SessionClock.deadline(running, Duration.ofMinutes(120)));
        assertEquals(Duration.ofMinutes(75), SessionClock.remaining(running, Duration.ofMinutes(90), T0.plusSeconds(15 * 60)));
        assertEquals(Duration.ZERO, SessionClock.remaining(running, Duration.ofMinutes(90), T0.plusSeconds(200 * 60)),
                "never negative");
    }

    @Test
    void aPauseStopsTheClockAndMovesTheDeadline() {
        Duration allowed = Duration.ofMinutes(90);
        // paused at 9:20: while paused the time left stays at 70 min and the deadline is unknown
        Timing paused = new Timing(T0, T0.plusSeconds(20 * 60), 0, null);
        assertEquals(Duration.ofMinutes(70), SessionClock.remaining(paused, allowed, T0.plusSeconds(20 * 60)));
        assertEquals(Duration.ofMinutes(70), SessionClock.remaining(paused, allowed, T0.plusSeconds(45 * 60)));
        assertNull(SessionClock.deadline(paused, allowed));
        // resumed at 9:45 (25 min of pause): the deadline is 10:30 + 25 min
        Timing resumed = new Timing(T0, null, 25 * 60, null);
        assertEquals(T0.plusSeconds(115 * 60), SessionClock.deadline(resumed, allowed));
        assertEquals(Duration.ofMinutes(60), SessionClock.remaining(resumed, allowed, T0.plusSeconds(55 * 60)));
    }

    @Test
    void theEndStopsTheClock() {
        Duration allowed = Duration.ofMinutes(90);
        Timing ended = new Timing(T0, null, 10 * 60, T0.plusSeconds(40 * 60));
        assertEquals(Duration.ofMinutes(60), SessionClock.remaining(ended, allowed, T0.plusSeconds(300 * 60)));
        assertEquals(T0.plusSeconds(40 * 60), SessionClock.deadline(ended, allowed), "ending early brings the deadline forward");
    }
}
