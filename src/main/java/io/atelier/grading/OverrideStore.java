package io.atelier.grading;

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

/** The audit log of grade overrides (table {@code grade_override}): rows are only added, oldest first. */
@ApplicationScoped
public class OverrideStore {

    private final DataSource db;

    public OverrideStore(DataSource db) {
        this.db = db;
    }

    public void add(UUID lab, GradeOverride o) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("insert into grade_override "
                + "(lab_id, criterion_id, computed, previous, acquired, reason, actor, at) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, lab);
            ps.setString(2, o.criterionId());
            ps.setBoolean(3, o.computed());
            ps.setBoolean(4, o.previous());
            ps.setBoolean(5, o.acquired());
            ps.setString(6, o.reason());
            ps.setString(7, o.actor());
            ps.setTimestamp(8, Timestamp.from(o.at()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the override of lab " + lab + ": " + e.getMessage(), e);
        }
    }

    public List<GradeOverride> of(UUID lab) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select criterion_id, computed, "
                + "previous, acquired, reason, actor, at from grade_override where lab_id = ? order by id")) {
            ps.setObject(1, lab);
            List<GradeOverride> list = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(new GradeOverride(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()));
                }
            }
            return list;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the overrides of lab " + lab + ": " + e.getMessage(), e);
        }
    }
}
