package io.atelier.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL keeps its data across restarts, even after its owner died. */
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
