package io.atelier;

import java.nio.file.Path;

import io.atelier.database.EmbeddedDatabase;
import io.atelier.security.PrivateFiles;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the platform. Unless an external PostgreSQL is configured
 * ({@code QUARKUS_DATASOURCE_REACTIVE_URL}), the embedded one is started first on
 * {@code ATELIER_DB_PORT} (5433) with its data in {@code ATELIER_DATA_DIR}/postgres
 * ({@code var/postgres}), and stopped after the server. The data directory is the platform
 * user's alone (0700, tightened when found wider): it holds the database, the secrets key,
 * password files and the recordings.
 */
@QuarkusMain
public final class AtelierMain {

    private AtelierMain() {
    }

    public static void main(String... args) throws Exception {
        Path dataDir = Path.of(setting("atelier.data-dir", "var"));
        PrivateFiles.folder(dataDir);
        if (setting("quarkus.datasource.reactive.url", null) != null) {
            Quarkus.run(args);
            return;
        }
        int port = Integer.parseInt(setting("atelier.db.port", "5433"));
        EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("postgres"), port);
        // Quarkus exits the JVM on shutdown (Ctrl-C, SIGTERM, end of run): stop PostgreSQL then.
        Runtime.getRuntime().addShutdownHook(new Thread(db::close, "embedded-postgres-stop"));
        System.setProperty("quarkus.datasource.jdbc.url", db.jdbcUrl());
        System.setProperty("quarkus.datasource.reactive.url", db.reactiveUrl());
        System.setProperty("quarkus.datasource.username", EmbeddedDatabase.USER);
        System.setProperty("quarkus.datasource.password", db.password());
        Quarkus.run(args);
    }

    /** A setting from a system property or its environment-variable form (ATELIER_DATA_DIR). */
    private static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
