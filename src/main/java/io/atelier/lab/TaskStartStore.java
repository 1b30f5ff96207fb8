package io.atelier.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** The tasks each lab's trainee has started (table {@code task_start}), over plain JDBC like {@link LabStore}. */
@ApplicationScoped
public class TaskStartStore {

    /** One started task. */
    public record TaskStart(UUID labId, String taskId, Instant startedAt, String startedBy, int faultsApplied) {
    }

    private final DataSource db;

    public TaskStartStore(DataSource db) {
        this.db = db;
    }

    public Optional<TaskStart> find(UUID labId, String taskId) {
        return query("select lab_id, task_id, started_at, started_by, faults_applied from task_start "
                + "where lab_id = ? and task_id = ?", labId, taskId).stream().findFirst();
    }

    /** Started tasks of these labs: lab id → task id → start. */
    public Map<UUID, Map<String, TaskStart>> of(Collection<UUID> labIds) {
        Map<UUID, Map<String, TaskStart>> starts = new HashMap<>();
        if (labIds.isEmpty()) return starts;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select lab_id, task_id, started_at, started_by, faults_applied from task_start where lab_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", labIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TaskStart s = read(rs);
                    starts.computeIfAbsent(s.labId(), k -> new HashMap<>()).put(s.taskId(), s);
                }
            }
            return starts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the started tasks: " + e.getMessage(), e);
        }
    }

    /**
     * Records a start unless the task was started already (a concurrent call won); answers
     * the start that stands.
     */
    public TaskStart record(TaskStart start) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into task_start (lab_id, task_id, started_at, started_by, faults_applied) values (?,?,?,?,?) "
                        + "on conflict (lab_id, task_id) do nothing")) {
            ps.setObject(1, start.labId());
            ps.setString(2, start.taskId());
            ps.setTimestamp(3, Timestamp.from(start.startedAt()));
            ps.setString(4, start.startedBy());
            ps.setInt(5, start.faultsApplied());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the start of task " + start.taskId() + ": " + e.getMessage(), e);
        }
        return find(start.labId(), start.taskId()).orElseThrow();
    }

    /** Forgets the lab's started tasks (a reset gives back the initial disks: the faults are gone too). */
    public void clear(UUID labId) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from task_start where lab_id = ?")) {
            ps.setObject(1, labId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot forget the started tasks of lab " + labId + ": " + e.getMessage(), e);
        }
    }

    private List<TaskStart> query(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<TaskStart> starts = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) starts.add(read(rs));
            }
            return starts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the started tasks: " + e.getMessage(), e);
        }
    }

    private static TaskStart read(ResultSet rs) throws SQLException {
        return new TaskStart(rs.getObject("lab_id", UUID.class), rs.getString("task_id"),
                rs.getTimestamp("started_at").toInstant(), rs.getString("started_by"), rs.getInt("faults_applied"));
    }
}
