package io.atelier.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The tasks a trainer gave a lab's trainee by catching the lab up ({@link CatchUp}), table
 * {@code task_given}: rows are only added (the database refuses to delete them), a reset of
 * the lab's disks only marks them.
 */
@ApplicationScoped
public class TaskGivenStore {

    /** One application of a task's solution; {@code disksResetAt}: when a reset took it off the machines, or null. */
    public record Given(UUID labId, String taskId, String catchUpTo, Instant givenAt, String givenBy, Instant disksResetAt) {
    }

    private static final String COLUMNS = "lab_id, task_id, catch_up_to, given_at, given_by, disks_reset_at";

    private final DataSource db;

    public TaskGivenStore(DataSource db) {
        this.db = db;
    }

    /** Every task given to these labs, oldest first: lab id → its rows. */
    public Map<UUID, List<Given>> of(Collection<UUID> labIds) {
        Map<UUID, List<Given>> given = new HashMap<>();
        if (labIds.isEmpty()) return given;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select " + COLUMNS + " from task_given where lab_id = any(?) order by id")) {
            ps.setArray(1, c.createArrayOf("uuid", labIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Given g = read(rs);
                    given.computeIfAbsent(g.labId(), k -> new ArrayList<>()).add(g);
                }
            }
            return given;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tasks given: " + e.getMessage(), e);
        }
    }

    /** Every task given to this lab, oldest first. */
    public List<Given> of(UUID labId) {
        return of(List.of(labId)).getOrDefault(labId, List.of());
    }

    /** The ids of the tasks ever given to this lab: the grid reads their checks as given by the trainer. */
    public Set<String> taskIds(UUID labId) {
        Set<String> ids = new LinkedHashSet<>();
        of(labId).forEach(g -> ids.add(g.taskId()));
        return ids;
    }

    /** The tasks whose solution is on the lab's machines now (given since the last reset of its disks). */
    public Set<String> onTheMachines(UUID labId) {
        Set<String> ids = new LinkedHashSet<>();
        of(labId).stream().filter(g -> g.disksResetAt() == null).forEach(g -> ids.add(g.taskId()));
        return ids;
    }

    public void record(UUID labId, String taskId, String catchUpTo, String givenBy) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into task_given (lab_id, task_id, catch_up_to, given_at, given_by) values (?,?,?,?,?)")) {
            ps.setObject(1, labId);
            ps.setString(2, taskId);
            ps.setString(3, catchUpTo);
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.setString(5, givenBy);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record that task " + taskId + " was given: " + e.getMessage(), e);
        }
    }

    /** The lab's disks are given back new: the solutions applied are gone from its machines (the rows stay). */
    public void disksReset(UUID labId) {
        DisksReset.mark(db, "task_given", labId, "tasks given");
    }

    private static Given read(ResultSet rs) throws SQLException {
        Timestamp reset = rs.getTimestamp("disks_reset_at");
        return new Given(rs.getObject("lab_id", UUID.class), rs.getString("task_id"), rs.getString("catch_up_to"),
                rs.getTimestamp("given_at").toInstant(), rs.getString("given_by"), reset == null ? null : reset.toInstant());
    }
}
