package io.atelier.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.atelier.security.SecretBox;

/**
 * Stored check runs (table {@code check_run}). The results are kept as the exact JSON text
 * that was sealed; the seal is an HMAC-SHA256 ({@value #SEAL} then hex) of the run's header
 * (id, lab, kind, actor, template version, times) and that text, under a key derived from
 * the secrets key file ({@link SecretBox#mac}), which is not in the database. A run read back
 * whose seal does not verify was changed, or written, behind the platform's back
 * ({@link CheckRun#intact()} false): someone who can write the database cannot forge a seal,
 * as they could recompute a plain digest. Runs sealed before the HMAC (a bare SHA-256) read
 * as not intact: nothing proves them. The database refuses to update or delete a run.
 * A lab has at most one FINAL run.
 */
@ApplicationScoped
public class CheckRunStore {

    private static final String COLUMNS = "id, lab_id, kind, actor, template_version, started_at, finished_at, results, hash";

    /** The prefix of a seal, naming its algorithm. */
    public static final String SEAL = "hmac-sha256:";
    private static final String PURPOSE = "check-run";

    private final DataSource db;
    private final ObjectMapper json;
    private final SecretBox secrets;

    public CheckRunStore(DataSource db, ObjectMapper json, SecretBox secrets) {
        this.db = db;
        this.json = json;
        this.secrets = secrets;
    }

    /** Thrown when a lab already has its final run. */
    public static class AlreadyFinalException extends RuntimeException {
        AlreadyFinalException(UUID lab) {
            super("Lab " + lab + " already has its final results; they cannot be replaced.");
        }
    }

    /** Stores the run and answers it as stored, with its hash. */
    public CheckRun save(CheckRun run) {
        Instant started = run.startedAt().truncatedTo(ChronoUnit.MICROS);
        Instant finished = run.finishedAt().truncatedTo(ChronoUnit.MICROS);
        String results = write(run.results());
        String hash = SEAL + secrets.mac(PURPOSE,
                sealed(run.id(), run.labId(), run.kind(), run.actor(), run.templateVersion(), started, finished, results));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into check_run (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, run.id());
            ps.setObject(2, run.labId());
            ps.setString(3, run.kind().name());
            ps.setString(4, run.actor());
            ps.setInt(5, run.templateVersion());
            ps.setTimestamp(6, Timestamp.from(started));
            ps.setTimestamp(7, Timestamp.from(finished));
            ps.setString(8, results);
            ps.setString(9, hash);
            ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) throw new AlreadyFinalException(run.labId());
            throw new IllegalStateException("cannot store the check run of lab " + run.labId() + ": " + e.getMessage(), e);
        }
        return new CheckRun(run.id(), run.labId(), run.kind(), run.actor(), run.templateVersion(), started, finished,
                run.results(), hash, true);
    }

    public Optional<CheckRun> latest(UUID lab, CheckRun.Kind kind) {
        return query("select " + COLUMNS + " from check_run where lab_id = ? and kind = ? order by started_at desc limit 1",
                lab, kind.name()).stream().findFirst();
    }

    /** The runs of a kind that {@code actor} asked for (a trainee's verifications: the staff's do not count against their limit). */
    public int countBy(UUID lab, CheckRun.Kind kind, String actor) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from check_run where lab_id = ? and kind = ? and actor = ?")) {
            ps.setObject(1, lab);
            ps.setString(2, kind.name());
            ps.setString(3, actor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the check runs of lab " + lab + ": " + e.getMessage(), e);
        }
    }

    public Optional<CheckRun> finalRun(UUID lab) {
        return latest(lab, CheckRun.Kind.FINAL);
    }

    /** What a run's seal covers: its header, one field per line, then its results text. */
    static String sealed(UUID id, UUID lab, CheckRun.Kind kind, String actor, int version, Instant started,
            Instant finished, String results) {
        return String.join("\n", id.toString(), lab.toString(), kind.name(), actor, Integer.toString(version),
                started.toString(), finished.toString(), results);
    }

    private boolean verifies(String text, String hash) {
        return hash.startsWith(SEAL) && secrets.verifies(PURPOSE, text, hash.substring(SEAL.length()));
    }

    private List<CheckRun> query(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<CheckRun> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) runs.add(read(rs));
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read check runs: " + e.getMessage(), e);
        }
    }

    private CheckRun read(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID lab = rs.getObject("lab_id", UUID.class);
        CheckRun.Kind kind = CheckRun.Kind.valueOf(rs.getString("kind"));
        String actor = rs.getString("actor");
        int version = rs.getInt("template_version");
        Instant started = rs.getTimestamp("started_at").toInstant();
        Instant finished = rs.getTimestamp("finished_at").toInstant();
        String results = rs.getString("results");
        String hash = rs.getString("hash");
        boolean intact = verifies(sealed(id, lab, kind, actor, version, started, finished, results), hash);
        List<CheckRun.Result> list;
        try {
            list = json.readValue(results, new TypeReference<List<CheckRun.Result>>() {
            });
        } catch (JsonProcessingException e) {
            list = List.of();
            intact = false;
        }
        return new CheckRun(id, lab, kind, actor, version, started, finished, list, hash, intact);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
