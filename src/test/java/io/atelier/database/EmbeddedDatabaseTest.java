package io.atelier.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL keeps its data across restarts, even after its owner died; nobody
 * connects without a password (psql tries, as a person on the host would), and a data
 * directory of an earlier version, which trusted everyone, is converted with its data.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void restartKeepsTheData() throws Exception {
        Path data = dir.resolve("postgres");
        int port = EmbeddedDatabaseTestResource.freePort();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, port);
                Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("create table grade (trainee text primary key, points int)");
            s.execute("insert into grade values ('stagiaire1', 14)");
        }
        assertFalse(Files.exists(data.resolve("postmaster.pid")), "a stopped server leaves no pid file");

        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, EmbeddedDatabaseTestResource.freePort());
                Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select points from grade where trainee = 'stagiaire1'")) {
            assertTrue(rs.next(), "the row written before the restart is still there");
            assertEquals(14, rs.getInt(1));
        }
    }

    @Test
    void aServerLeftRunningByAKilledProcessIsStoppedAndItsDataKept() throws Exception {
        Path data = dir.resolve("postgres");
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingOwner.class.getName(), data.toString(),
                String.valueOf(EmbeddedDatabaseTestResource.freePort()))
                .redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(owner.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("written")) {
                // start-up output of the owner
            }
            assertEquals("written", line, "the owner process wrote its row");
        }
        long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        owner.destroyForcibly().waitFor(); // SIGKILL: the owner dies without stopping its server
        assertTrue(ProcessHandle.of(orphanPid).isPresent(), "the server outlived its owner");

        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, EmbeddedDatabaseTestResource.freePort());
                Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from lab where id = 'lab-42'")) {
            assertFalse(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false), "the orphaned server was stopped");
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1), "committed data survives the crash");
        }
    }

    @Test
    void psqlWithoutThePasswordIsRefusedAndThePlatformsRoleIsNoSuperuser() throws Exception {
        Path data = dir.resolve("postgres");
        int port = EmbeddedDatabaseTestResource.freePort();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, port)) {
            String superPassword = Files.readString(dir.resolve("postgres-password")).strip();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("postgres-password"))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("postgres-atelier-password"))));

            Psql refused = psql(port, "postgres", "postgres", null, "select 1");
            assertTrue(refused.exit() != 0, "the superuser without a password is refused: " + refused);
            assertTrue(refused.output().contains("password"), refused.toString());
            Psql wrong = psql(port, "postgres", "postgres", "postgres", "select 1");
            assertTrue(wrong.exit() != 0 && wrong.output().contains("password authentication failed"), wrong.toString());
            Psql appWithout = psql(port, "atelier", "atelier", null, "select 1");
            assertTrue(appWithout.exit() != 0, "the platform's role without a password is refused: " + appWithout);

            Psql admin = psql(port, "postgres", "postgres", superPassword, "select current_user");
            assertEquals(new Psql(0, "postgres"), admin, "with the password of postgres-password, psql connects");
            Psql app = psql(port, "atelier", "atelier", db.password(),
                    "select rolsuper::text || ' ' || (select pg_get_userbyid(datdba) from pg_database where datname = 'atelier') "
                            + "from pg_roles where rolname = current_user");
            assertEquals(new Psql(0, "false atelier"), app, "the platform's role is no superuser and owns its database");

            Psql sockets = psql(port, "postgres", "postgres", superPassword, "show unix_socket_directories");
            assertEquals(new Psql(0, ""), sockets, "no unix socket is opened");
            for (String folder : List.of("/tmp", "/var/run/postgresql")) {
                assertFalse(Files.exists(Path.of(folder, ".s.PGSQL." + port)), "no socket in " + folder);
                Psql local = psql(folder, port, "postgres", "postgres", null, "select 1");
                assertTrue(local.exit() != 0, "no connection through a unix socket in " + folder + ": " + local);
            }
            for (InetAddress address : nonLoopbackAddresses()) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(address, port), 2000);
                    throw new AssertionError("PostgreSQL answers on " + address + ": it must listen on loopback only");
                } catch (IOException expected) {
                    // refused: loopback only
                }
            }
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("create table t (x int)"); // the platform's migrations create tables in its database
            }
        }
    }

    @Test
    void aDataDirectoryOfAnEarlierVersionThatTrustedEveryoneIsConvertedWithItsData() throws Exception {
        Path data = dir.resolve("postgres");
        int port = EmbeddedDatabaseTestResource.freePort();
        // what the earlier version did: zonky's defaults (trust), the platform's tables made by the superuser
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data.toFile()).setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(dir.resolve("postgres-binaries").toFile()).setPort(port).start()) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("create database atelier");
            }
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/atelier", "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("create table grade (id bigint generated always as identity, trainee text primary key, points int)");
                s.execute("create sequence ticket_number");
                s.execute("create function refuse_change() returns trigger language plpgsql as $$ begin raise exception 'no'; end $$");
                s.execute("insert into grade (trainee, points) values ('stagiaire1', 14)");
            }
            assertEquals(0, psql(port, "postgres", "postgres", null, "select 1").exit(), "the earlier version trusted everyone");
        }

        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, port)) {
            Psql refused = psql(port, "postgres", "postgres", null, "select 1");
            assertTrue(refused.exit() != 0, "after the conversion, no password means no connection: " + refused);
            String superPassword = Files.readString(dir.resolve("postgres-password")).strip();
            assertEquals(0, psql(port, "postgres", "atelier", superPassword, "select 1").exit());
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("insert into grade (trainee, points) values ('stagiaire2', 12)");
                s.execute("select nextval('ticket_number')");
                s.execute("create or replace function refuse_change() returns trigger language plpgsql as $$ begin return null; end $$");
                try (ResultSet rs = s.executeQuery("select string_agg(trainee || '=' || points, ',' order by trainee) from grade")) {
                    assertTrue(rs.next());
                    assertEquals("stagiaire1=14,stagiaire2=12", rs.getString(1), "the data written before is kept, and the platform's role owns it");
                }
            }
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, EmbeddedDatabaseTestResource.freePort());
                Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from grade")) {
            assertTrue(rs.next());
            assertEquals(2, rs.getInt(1), "a second start keeps the converted database as it is");
        }
    }

    record Psql(int exit, String output) {
    }

    static Psql psql(int port, String user, String database, String password, String sql) throws Exception {
        return psql("127.0.0.1", port, user, database, password, sql);
    }

    /** psql as a person would type it; {@code password} null: none given (no PGPASSWORD, no ~/.pgpass). */
    static Psql psql(String host, int port, String user, String database, String password, String sql) throws Exception {
        List<String> command = new ArrayList<>(List.of("psql", "-h", host, "-p", String.valueOf(port), "-U", user, "-d", database,
                "-w", "-X", "-tA", "-c", sql));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("PGPASSWORD");
        env.put("PGPASSFILE", "/dev/null");
        if (password != null) env.put("PGPASSWORD", password);
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            throw new AssertionError("psql is needed for this test (Debian package postgresql-client; ./atelier test installs it)", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "psql answered");
        return new Psql(p.exitValue(), output);
    }

    static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            nic.inetAddresses().filter(a -> a instanceof Inet4Address).forEach(addresses::add);
        }
        return addresses;
    }

    /** Run in a child JVM: starts the database, commits a row, says so, then waits to be killed. */
    public static final class CrashingOwner {
        public static void main(String[] args) throws Exception {
            EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]), Integer.parseInt(args[1]));
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("create table lab (id text primary key)");
                s.execute("insert into lab values ('lab-42')");
            }
            System.out.println("written");
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
