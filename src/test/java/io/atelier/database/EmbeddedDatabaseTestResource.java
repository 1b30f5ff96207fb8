package io.atelier.database;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real embedded PostgreSQL for {@code @QuarkusTest}s: a fresh data directory under
 * target/, a free port, and the URLs handed to Quarkus (as AtelierMain does in production).
 */
public class EmbeddedDatabaseTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Path.of("target", "test-data", "postgres");
            io.atelier.TestFiles.deleteRecursively(dir);
            database = EmbeddedDatabase.start(dir, freePort());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the embedded PostgreSQL for tests", e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.reactive.url", database.reactiveUrl(),
                "quarkus.datasource.username", EmbeddedDatabase.USER,
                "quarkus.datasource.password", database.password());
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
