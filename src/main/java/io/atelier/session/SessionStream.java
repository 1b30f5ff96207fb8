package io.atelier.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides what a session's event stream sends: the first view, then a view only when
 * something changed — ignoring the seconds left, which every viewer counts down by itself
 * from the deadline — or, at the latest, every {@code heartbeat} so the connection stays
 * alive and the counts are corrected.
 */
final class SessionStream {

    private final Supplier<SessionView> source;
    private final Duration heartbeat;
    private SessionView last;
    private long lastSent;

    SessionStream(Supplier<SessionView> source, Duration heartbeat) {
        this.source = source;
        this.heartbeat = heartbeat;
    }

    /** The view to send now, if any. */
    synchronized Optional<SessionView> next() {
        SessionView view = source.get();
        long now = System.nanoTime();
        if (last != null && withoutClock(view).equals(withoutClock(last)) && now - lastSent < heartbeat.toNanos()) {
            return Optional.empty();
        }
        last = view;
        lastSent = now;
        return Optional.of(view);
    }

    static SessionView withoutClock(SessionView v) {
        List<SessionView.TraineeRow> rows = new ArrayList<>();
        for (SessionView.TraineeRow r : v.trainees()) {
            rows.add(new SessionView.TraineeRow(r.trainee(), r.labId(), r.labState(), r.tiersTemps(), r.extraMinutes(),
                    r.givenBackMinutes(), r.allowedMinutes(), r.deadline(), null, r.passedTasks(), r.totalTasks(),
                    r.lastVerificationAt(), r.submittedAt()));
        }
        return new SessionView(v.id(), v.title(), v.templateId(), v.templateTitle(), v.createdBy(), v.mode(),
                v.durationMinutes(), v.extensionMinutes(), v.verificationLimit(), v.state(), v.startAt(), v.startedAt(),
                v.pausedSince(), v.endedAt(), v.createdAt(), rows);
    }
}
