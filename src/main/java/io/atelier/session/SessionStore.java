package io.atelier.session;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sessions, their trainees and their audit log (tables {@code session}, {@code
 * session_trainee}, {@code session_audit}). State changes are compare-and-set on the
 * state, and each change is written with its audit entry in one transaction.
 */
@ApplicationScoped
public class SessionStore {

    private static final String COLUMNS = "id, title, template_id, created_by, mode, duration_minutes, extension_minutes, "
            + "verification_limit, state, start_at, started_at, paused_since, paused_seconds, ended_at, created_at";

    private final DataSource db;

    public SessionStore(DataSource db) {
        this.db = db;
    }

    /** One line of a session's history. */
    public record AuditEntry(Instant at, String actor, String trainee, String what) {
    }

    /** What else a change writes in the same transaction, once the session reads as changed. */
    public interface AfterChange {
        void write(Connection c, Session updated) throws SQLException;
    }

    /** Inserts a session, its trainees and its first audit line in {@code c}'s transaction (the one of its labs). */
    public void insert(Connection c, Session s, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into session (" + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, s.id());
            ps.setString(2, s.title());
            ps.setString(3, s.templateId());
            ps.setString(4, s.createdBy());
            ps.setString(5, s.mode());
            ps.setInt(6, s.durationMinutes());
            ps.setInt(7, s.extensionMinutes());
            ps.setObject(8, s.verificationLimit());
            ps.setString(9, s.state().name());
            ps.setTimestamp(10, ts(s.startAt()));
            ps.setTimestamp(11, ts(s.startedAt()));
            ps.setTimestamp(12, ts(s.pausedSince()));
            ps.setLong(13, s.pausedSeconds());
            ps.setTimestamp(14, ts(s.endedAt()));
            ps.setTimestamp(15, ts(s.createdAt()));
            ps.executeUpdate();
        }
        for (Session.Member m : s.members()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into session_trainee (session_id, trainee, lab_id) values (?, ?, ?)")) {
                ps.setObject(1, s.id());
                ps.setString(2, m.trainee());
                ps.setObject(3, m.labId());
                ps.executeUpdate();
            }
        }
        audit(c, s.id(), actor, null, "session créée : " + s.members().size() + " stagiaire(s), " + s.durationMinutes()
                + " min, mode " + s.mode());
    }

    public Optional<Session> find(UUID id) {
        return query("select " + COLUMNS + " from session where id = ?", id).stream().findFirst();
    }

    /** Sessions newest first; only those {@code createdBy} made, unless null (all). */
    public List<Session> list(String createdBy) {
        return createdBy == null ? query("select " + COLUMNS + " from session order by created_at desc")
                : query("select " + COLUMNS + " from session where created_by = ? order by created_at desc", createdBy);
    }

    public Optional<Session> ofLab(UUID lab) {
        return query("select " + COLUMNS + " from session where id = (select session_id from session_trainee where lab_id = ?)",
                lab).stream().findFirst();
    }

    /** PLANNED sessions whose start time has come. */
    public List<Session> due(Instant now) {
        return query("select " + COLUMNS + " from session where state = 'PLANNED' and start_at <= ?", ts(now));
    }

    /**
     * Changes a session that is in one of {@code from} with {@code set} (an SQL assignment
     * list, its arguments first), and records {@code what}; false when it was elsewhere.
     */
    public boolean change(UUID id, Collection<Session.State> from, String set, List<Object> args, String actor,
            String trainee, String what, AfterChange after) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update session set " + set + " where id = ? and state = any(?)")) {
                int i = 1;
                for (Object a : args) ps.setObject(i++, a instanceof Instant at ? ts(at) : a);
                ps.setObject(i++, id);
                ps.setArray(i, states(c, from));
                if (ps.executeUpdate() == 0) return false;
            }
            audit(c, id, actor, trainee, what);
            after.write(c, find(c, id));
            return true;
        });
    }

    /** Sets a trainee's accommodations and records why, with {@code after} in the same transaction. */
    public void accommodate(UUID id, Session.Member m, String actor, String what, AfterChange after) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update session_trainee set tiers_temps = ?, extra_minutes = ?, "
                    + "given_back_minutes = ? where session_id = ? and trainee = ?")) {
                ps.setBoolean(1, m.tiersTemps());
                ps.setInt(2, m.extraMinutes());
                ps.setInt(3, m.givenBackMinutes());
                ps.setObject(4, id);
                ps.setString(5, m.trainee());
                ps.executeUpdate();
            }
            audit(c, id, actor, m.trainee(), what);
            after.write(c, find(c, id));
            return null;
        });
    }

    /** Runs {@code work} on a session as it is now, in one transaction (the start-up re-derivation of deadlines). */
    public void rewrite(UUID id, AfterChange work) {
        inTransaction(c -> {
            Session s = find(c, id);
            if (s != null) work.write(c, s);
            return null;
        });
    }

    /** Whether {@code trainee} is in an exam on {@code templateId} that has not ended. */
    public Optional<Session> openExamOf(String trainee, String templateId) {
        return query("select " + COLUMNS + " from session s where s.mode = 'examen' and s.template_id = ? "
                + "and s.state in ('PLANNED', 'RUNNING', 'PAUSED') and exists (select 1 from session_trainee t "
                + "where t.session_id = s.id and t.trainee = ?) order by s.created_at limit 1", templateId, trainee)
                .stream().findFirst();
    }

    private static Session find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from session where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(c, rs) : null;
            }
        }
    }

    public List<AuditEntry> audit(UUID id) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select at, actor, trainee, what from session_audit where session_id = ? order by id")) {
            ps.setObject(1, id);
            List<AuditEntry> list = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(new AuditEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return list;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the history of session " + id + ": " + e.getMessage(), e);
        }
    }

    // --- plumbing

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("session storage failed: " + e.getMessage(), e);
        }
    }

    private static void audit(Connection c, UUID id, String actor, String trainee, String what) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into session_audit (session_id, at, actor, trainee, what) values (?, now(), ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, actor);
            ps.setString(3, trainee);
            ps.setString(4, what);
            ps.executeUpdate();
        }
    }

    private List<Session> query(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<Session> sessions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) sessions.add(read(c, rs));
            }
            return sessions;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read sessions: " + e.getMessage(), e);
        }
    }

    private static Session read(Connection c, ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<Session.Member> members = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select trainee, lab_id, tiers_temps, extra_minutes, given_back_minutes "
                + "from session_trainee where session_id = ? order by trainee")) {
            ps.setObject(1, id);
            try (ResultSet m = ps.executeQuery()) {
                while (m.next()) {
                    members.add(new Session.Member(m.getString(1), m.getObject(2, UUID.class), m.getBoolean(3), m.getInt(4),
                            m.getInt(5)));
                }
            }
        }
        return new Session(id, rs.getString("title"), rs.getString("template_id"), rs.getString("created_by"),
                rs.getString("mode"), rs.getInt("duration_minutes"), rs.getInt("extension_minutes"),
                (Integer) rs.getObject("verification_limit"), Session.State.valueOf(rs.getString("state")),
                instant(rs, "start_at"), instant(rs, "started_at"), instant(rs, "paused_since"), rs.getLong("paused_seconds"),
                instant(rs, "ended_at"), instant(rs, "created_at"), members);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Array states(Connection c, Collection<Session.State> states) throws SQLException {
        return c.createArrayOf("text", states.stream().map(Enum::name).toArray());
    }
}
