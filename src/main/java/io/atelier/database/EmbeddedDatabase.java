package io.atelier.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The default database: a PostgreSQL server from the zonky binaries (linux-amd64),
 * keeping its data in a directory of the platform so that it survives restarts.
 *
 * <p>If a previous run died without stopping its server (SIGKILL, power loss), the
 * orphaned server still holds the data directory; it is shut down cleanly before a new
 * one starts, and PostgreSQL's own recovery keeps every committed transaction.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    public static final String DATABASE = "atelier";
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final int port;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.port = postgres.getPort();
    }

    /**
     * Starts the server on a data directory (created when missing) and a port, and makes
     * sure the {@value #DATABASE} database exists.
     */
    public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
        Path data = dataDir.toAbsolutePath();
        Files.createDirectories(data.getParent());
        stopOrphan(data);
        Path binaries = data.getParent().resolve("postgres-binaries");
        Files.createDirectories(binaries);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data.toFile())
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        EmbeddedDatabase db = new EmbeddedDatabase(postgres);
        db.createDatabaseIfMissing();
        LOG.infof("Embedded PostgreSQL on port %d, data in %s", db.port, data);
        return db;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    /** The URL form of Quarkus's reactive PostgreSQL client. */
    public String reactiveUrl() {
        return "postgresql://localhost:" + port + "/" + DATABASE;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    private void createDatabaseIfMissing() throws IOException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", USER, "");
                var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("create database " + DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IOException("Cannot create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    /** Shuts down a server left running on this data directory by a process that died. */
    static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> server = lines.isEmpty() ? Optional.empty()
                : parsePid(lines.get(0)).flatMap(ProcessHandle::of)
                        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (server.isEmpty()) {
            return; // a stale pid file: PostgreSQL removes it itself on start
        }
        LOG.warnf("PostgreSQL (pid %d) is still running on %s from a previous run; stopping it", server.get().pid(), dataDir);
        server.get().destroy(); // SIGTERM: smart shutdown, its clients died with their process
        try {
            server.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("PostgreSQL pid " + server.get().pid() + " on " + dataDir + " did not stop within 60 s; stop it and retry", e);
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops the server (fast shutdown: clean, committed data kept); calling it again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                postgres.close();
            } catch (IOException e) {
                LOG.errorf("Stopping embedded PostgreSQL on port %d failed: %s", port, e.getMessage());
            }
        }
    }
}
