package io.atelier.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** The {@code console_recording} rows: which terminal session of which lab is recorded in which file. */
@ApplicationScoped
public class RecordingStore {

    private static final String COLUMNS = "id, lab_id, node, kind, opened_by, started_at, ended_at, bytes, path";

    private final DataSource db;

    public RecordingStore(DataSource db) {
        this.db = db;
    }

    public void started(Recording r) {
        update("insert into console_recording (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, null, 0, ?)", r.id(), r.labId(),
                r.node(), r.kind(), r.openedBy(), Timestamp.from(r.startedAt()), r.path());
    }

    public void ended(UUID id, Instant at, long bytes) {
        update("update console_recording set ended_at = ?, bytes = ? where id = ?", Timestamp.from(at), bytes, id);
    }

    public List<Recording> ofLab(UUID labId) {
        return query("select " + COLUMNS + " from console_recording where lab_id = ? order by started_at", labId);
    }

    public Optional<Recording> find(UUID labId, UUID id) {
        return query("select " + COLUMNS + " from console_recording where lab_id = ? and id = ?", labId, id).stream()
                .findFirst();
    }

    /** Recordings whose terminal ended before {@code cutoff} (or, never closed after a crash, started before it). */
    public List<Recording> endedBefore(Instant cutoff) {
        Timestamp at = Timestamp.from(cutoff);
        return query("select " + COLUMNS + " from console_recording where coalesce(ended_at, started_at) < ? order by started_at",
                at);
    }

    public void delete(UUID id) {
        update("delete from console_recording where id = ?", id);
    }

    private List<Recording> query(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<Recording> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp ended = rs.getTimestamp("ended_at");
                    found.add(new Recording(rs.getObject("id", UUID.class), rs.getObject("lab_id", UUID.class),
                            rs.getString("node"), rs.getString("kind"), rs.getString("opened_by"),
                            rs.getTimestamp("started_at").toInstant(), ended == null ? null : ended.toInstant(),
                            rs.getLong("bytes"), rs.getString("path")));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read console recordings: " + e.getMessage(), e);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write a console recording: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
