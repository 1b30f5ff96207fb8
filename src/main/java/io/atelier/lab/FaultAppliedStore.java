package io.atelier.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The platform's record of the faults applied to each lab's machines (table
 * {@code fault_applied}, V12), read by {@link FaultRule}: one row per attempt, only ever
 * added (the database refuses to delete them); an attempt is marked applied or failed once,
 * and a reset of the lab's disks marks every attempt made on the old ones.
 */
@ApplicationScoped
public class FaultAppliedStore {

    private final DataSource db;

    public FaultAppliedStore(DataSource db) {
        this.db = db;
    }

    /** Every attempt of this fault on this lab, oldest first. */
    public List<FaultRule.Attempt> of(UUID labId, String faultId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id, nonce, applied_at, failed_at, disks_reset_at from fault_applied "
                        + "where lab_id = ? and fault_id = ? order by id")) {
            ps.setObject(1, labId);
            ps.setString(2, faultId);
            List<FaultRule.Attempt> attempts = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    attempts.add(new FaultRule.Attempt(rs.getLong("id"), rs.getString("nonce"), instant(rs, "applied_at"),
                            instant(rs, "failed_at"), instant(rs, "disks_reset_at")));
                }
            }
            return attempts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the faults applied to lab " + labId + ": " + e.getMessage(), e);
        }
    }

    /** Records that the platform starts applying a fault (before its script runs); answers the attempt's id. */
    public long begin(UUID labId, String faultId, String node, String nonce) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into fault_applied (lab_id, fault_id, node, nonce, started_at) values (?,?,?,?,?) returning id")) {
            ps.setObject(1, labId);
            ps.setString(2, faultId);
            ps.setString(3, node);
            ps.setString(4, nonce);
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the fault " + faultId + " of lab " + labId + ": " + e.getMessage(), e);
        }
    }

    /** The attempt's script succeeded: the fault is on the lab's current disks. */
    public void applied(long attempt) {
        update("update fault_applied set applied_at = now() where id = ? and applied_at is null and failed_at is null",
                attempt, null);
    }

    /** The attempt did not apply the fault ({@code why}); the next start or provisioning tries again. */
    public void failed(long attempt, String why) {
        update("update fault_applied set failed_at = now(), failure = ? where id = ? and applied_at is null and failed_at is null",
                attempt, why);
    }

    /** The lab's disks were replaced: the faults applied to the old ones are gone (the rows stay). */
    public void disksReset(UUID labId) {
        DisksReset.mark(db, "fault_applied", labId, "faults");
    }

    private void update(String sql, long attempt, String why) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (why != null) ps.setString(i++, why);
            ps.setLong(i, attempt);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark the fault attempt " + attempt + ": " + e.getMessage(), e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
