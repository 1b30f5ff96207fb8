package io.atelier.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.atelier.TestFiles;
import io.atelier.database.EmbeddedDatabaseTestResource;

/**
 * The packaged platform as ./atelier up runs it (libvirt's test driver, no firewall): in
 * public mode against the tests' Keycloak, which has the demo accounts and the development
 * secret, it refuses to start and says why; in the demo it listens on loopback only.
 */
class PublicModeIT {

    static final Path DATA = Path.of("target", "public-mode-data");

    Process server;

    Process start(int httpPort, String... extra) throws IOException {
        TestFiles.deleteRecursively(DATA);
        Files.createDirectories(DATA);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Datelier.data-dir=" + DATA.toAbsolutePath(),
                "-Datelier.db.port=" + EmbeddedDatabaseTestResource.freePort(),
                "-Dquarkus.http.port=" + httpPort,
                "-Datelier.keycloak.url=" + Keycloak.url(),
                "-Datelier.hypervisor.uri=test:///default",
                "-Datelier.hypervisor.accel=tcg",
                "-Datelier.hypervisor.firewall=false",
                "-Datelier.hypervisor.instance=publictest",
                "-Datelier.hypervisor.management-cidr=10.217.0.0/24",
                "-Datelier.hypervisor.disks-dir=" + DATA.resolve("disks").toAbsolutePath(),
                "-Datelier.images.dir=" + DATA.resolve("images").toAbsolutePath(),
                "-Datelier.labs.reconcile-every=off"));
        command.addAll(List.of(extra));
        command.addAll(List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(DATA.resolve("server.log").toFile())).start();
    }

    @Test
    void publicModeRefusesToStartWithTheDemoAccountsAndTheDevelopmentSecret() throws Exception {
        server = start(EmbeddedDatabaseTestResource.freePort(), "-Datelier.public-url=https://atelier.example");
        assertTrue(server.waitFor(180, TimeUnit.SECONDS), "the platform stops by itself");
        assertTrue(server.exitValue() != 0, "with a failure exit code");
        String log = Files.readString(DATA.resolve("server.log"));
        assertTrue(log.contains("Public mode (atelier.public-url=https://atelier.example) refuses to start"), log);
        assertTrue(log.contains("is the development one published in infra/keycloak/atelier-realm.json"), log);
        assertTrue(log.contains("the demo account formateur1 logs in with its demo password"), log);
        assertTrue(log.contains("the demo account admin logs in with its demo password"), log);
    }

    @Test
    void theDemoListensOnLoopbackOnly() throws Exception {
        int port = EmbeddedDatabaseTestResource.freePort();
        server = start(port);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        int status = 0;
        while (status != 200) {
            assertTrue(server.isAlive(), "the platform runs; see " + DATA.resolve("server.log"));
            assertTrue(System.nanoTime() < deadline, "ready within 180 s; see " + DATA.resolve("server.log"));
            try {
                status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException notYet) {
                Thread.sleep(500);
            }
        }
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) nic.inetAddresses().filter(a -> a instanceof Inet4Address).forEach(others::add);
        }
        for (InetAddress address : others) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 2000);
                throw new AssertionError("the platform answers on " + address + ": the demo must listen on loopback only");
            } catch (IOException expected) {
                // refused
            }
        }
        assertEquals(200, status);
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stops on SIGTERM");
        }
    }
}
