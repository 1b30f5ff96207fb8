package io.atelier.lab;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.atelier.security.Keycloak;

/**
 * The packaged platform ({@code target/quarkus-app/quarkus-run.jar}) started as a process, as
 * {@code ./atelier up} starts it: on its own data directory, database port, HTTP port and
 * libvirt instance; its output appended to {@code <data>/server.log}. For the tests that kill
 * it (LabCrashIT) and for {@code ./atelier bench}.
 */
public final class PackagedServer {

    private PackagedServer() {
    }

    /** Starts the server with these {@code -D} properties besides its data, database, port and Keycloak, and waits until it is ready. */
    public static Process start(Path data, int dbPort, int httpPort, List<String> properties) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java,
                "-Datelier.data-dir=" + data.toAbsolutePath(),
                "-Datelier.db.port=" + dbPort,
                "-Dquarkus.http.port=" + httpPort,
                "-Datelier.keycloak.url=" + Keycloak.url()));
        properties.forEach(p -> command.add("-D" + p));
        command.addAll(List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("server.log").toFile())).start();
        awaitReady(p, "http://localhost:" + httpPort, data.resolve("server.log"));
        return p;
    }

    static void awaitReady(Process p, String base, Path log) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new AssertionError("the server stopped during start-up; see " + log);
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            RealLabs.pause(Duration.ofMillis(500));
        }
        throw new AssertionError("the server is not ready after 120 s; see " + log);
    }
}
