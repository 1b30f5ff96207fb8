package io.atelier.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * A reset replaced a lab's disks: what the platform had put on the old ones (tasks given,
 * faults applied) is marked gone in its table's {@code disks_reset_at}, the rows kept as
 * evidence. One mark per row: rows marked by an earlier reset keep their time.
 */
final class DisksReset {

    private DisksReset() {
    }

    /** @param table {@code task_given} or {@code fault_applied}; @param what the rows, for the error */
    static void mark(DataSource db, String table, UUID labId, String what) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update " + table + " set disks_reset_at = now() where lab_id = ? and disks_reset_at is null")) {
            ps.setObject(1, labId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark the " + what + " of lab " + labId + " as reset: " + e.getMessage(), e);
        }
    }
}
