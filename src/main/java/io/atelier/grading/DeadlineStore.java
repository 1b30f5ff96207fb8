package io.atelier.grading;

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

/** When each lab is submitted by itself (table {@code lab_deadline}). */
@ApplicationScoped
public class DeadlineStore {

    private final DataSource db;

    public DeadlineStore(DataSource db) {
        this.db = db;
    }

    public void set(UUID lab, Instant deadline, String actor) {
        try (Connection c = db.getConnection()) {
            set(c, lab, deadline, actor);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the deadline of lab " + lab + ": " + e.getMessage(), e);
        }
    }

    /** Sets a lab's deadline in {@code c}'s transaction (a session's change and its deadlines commit together). */
    public void set(Connection c, UUID lab, Instant deadline, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into lab_deadline "
                + "(lab_id, deadline, set_by, set_at) values (?, ?, ?, now()) on conflict (lab_id) do update "
                + "set deadline = excluded.deadline, set_by = excluded.set_by, set_at = excluded.set_at")) {
            ps.setObject(1, lab);
            ps.setTimestamp(2, Timestamp.from(deadline));
            ps.setString(3, actor);
            ps.executeUpdate();
        }
    }

    /** The lab no longer submits itself (its session is paused), in {@code c}'s transaction. */
    public void clear(Connection c, UUID lab) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from lab_deadline where lab_id = ?")) {
            ps.setObject(1, lab);
            ps.executeUpdate();
        }
    }

    public Optional<Instant> of(UUID lab) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select deadline from lab_deadline where lab_id = ?")) {
            ps.setObject(1, lab);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the deadline of lab " + lab + ": " + e.getMessage(), e);
        }
    }

    /** READY labs whose deadline has passed. */
    public List<UUID> due(Instant now) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select d.lab_id from lab_deadline d "
                + "join lab l on l.id = d.lab_id where d.deadline <= ? and l.state = 'READY' order by d.deadline")) {
            ps.setTimestamp(1, Timestamp.from(now));
            List<UUID> due = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) due.add(rs.getObject(1, UUID.class));
            }
            return due;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read due deadlines: " + e.getMessage(), e);
        }
    }
}
