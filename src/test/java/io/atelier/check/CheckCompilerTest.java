package io.atelier.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.atelier.template.TemplateSpec.Check;
import io.atelier.template.TemplateSpec.DnsCheck;
import io.atelier.template.TemplateSpec.FileCheck;
import io.atelier.template.TemplateSpec.HttpCheck;
import io.atelier.template.TemplateSpec.PortCheck;
import io.atelier.template.TemplateSpec.ServiceCheck;

/**
 * The commands the conveniences compile to, run for real with this machine's bash, stat,
 * grep and curl against real files, a listening socket and an HTTP server (the same tools
 * the lab images carry). systemctl and dig have no server to ask here: their commands are
 * checked as text.
 */
class CheckCompilerTest {

    static Check check(FileCheck file, ServiceCheck service, PortCheck port, HttpCheck http, DnsCheck dns) {
        return new Check("c", List.of("X.y"), null, "poste", null, null, null, null, null, file, service, port, http, dns);
    }

    /** Runs the compiled command with bash and evaluates it as the engine will. */
    static Evaluation run(Check check) throws Exception {
        CheckCommand command = CheckCompiler.compile(check, host -> host.equals("serveur") ? "127.0.0.1" : host);
        Process p = new ProcessBuilder("bash", "-c", command.command()).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the command ends: " + command.command());
        CommandOutput output = new CommandOutput(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        Evaluation e = Expectations.evaluate(command.expect(), output);
        return new Evaluation(e.passed(), output.stdout());
    }

    @Test
    void aFileIsCheckedForExistenceALineItsModeAndItsOwner() throws Exception {
        Path dir = Files.createTempDirectory("atelier-check-");
        Path config = dir.resolve("sshd config 'test'");
        Files.writeString(config, "Port 22\nPermitRootLogin no\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));
        String owner = Files.getOwner(config).getName();
        String path = config.toString();

        Evaluation all = run(check(new FileCheck(path, true, "^PermitRootLogin\\s+no$", "640", owner), null, null, null, null));
        assertTrue(all.passed(), all.reason());
        assertTrue(all.reason().contains("mode 640") && all.reason().contains("owner " + owner), "evidence: " + all.reason());

        assertFalse(run(check(new FileCheck(path, null, "^PermitRootLogin\\s+yes$", null, null), null, null, null, null)).passed());
        Evaluation mode = run(check(new FileCheck(path, null, null, "0600", null), null, null, null, null));
        assertFalse(mode.passed());
        assertTrue(mode.reason().contains("mode 640"), mode.reason());
        assertFalse(run(check(new FileCheck(path, null, null, null, "personne"), null, null, null, null)).passed());
        assertFalse(run(check(new FileCheck(path, false, null, null, null), null, null, null, null)).passed());
        assertTrue(run(check(new FileCheck(dir.resolve("absent").toString(), false, null, null, null), null, null, null, null)).passed());
        assertFalse(run(check(new FileCheck(dir.resolve("absent").toString(), true, null, null, null), null, null, null, null)).passed());
        io.atelier.TestFiles.deleteRecursively(dir);
    }

    @Test
    void aPortIsOpenOrClosedAsSeenFromTheNode() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int open = listening.getLocalPort();
            assertTrue(run(check(null, null, new PortCheck("serveur", open, null, true), null, null)).passed());
            Evaluation shouldBeClosed = run(check(null, null, new PortCheck("serveur", open, "tcp", false), null, null));
            assertFalse(shouldBeClosed.passed());
            assertEquals("tcp 127.0.0.1:" + open + " open\n", shouldBeClosed.reason());
        }
        int closed = freePort();
        assertFalse(run(check(null, null, new PortCheck("127.0.0.1", closed, null, true), null, null)).passed());
        assertTrue(run(check(null, null, new PortCheck("127.0.0.1", closed, null, false), null, null)).passed());
    }

    @Test
    void anHttpRequestChecksItsStatusItsBodyOrThatItFails() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "<h1>Intranet de la PME</h1>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/") ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Evaluation ok = run(check(null, null, null, new HttpCheck(url + "/", 200, null, "Intranet"), null));
            assertTrue(ok.passed(), ok.reason());
            assertFalse(run(check(null, null, null, new HttpCheck(url + "/", null, null, "Extranet"), null)).passed());
            Evaluation missing = run(check(null, null, null, new HttpCheck(url + "/absent", 200, null, null), null));
            assertFalse(missing.passed());
            assertTrue(missing.reason().contains("status 404"), missing.reason());
            assertFalse(run(check(null, null, null, new HttpCheck(url + "/", null, false, null), null)).passed(),
                    "an answered request is not 'unreachable'");
        } finally {
            server.stop(0);
        }
        int closed = freePort();
        assertTrue(run(check(null, null, null, new HttpCheck("http://127.0.0.1:" + closed + "/", null, false, null), null)).passed());
        assertFalse(run(check(null, null, null, new HttpCheck("http://127.0.0.1:" + closed + "/", 200, null, null), null)).passed());
    }

    @Test
    void serviceAndDnsChecksBecomeSystemctlAndDigCommands() {
        String service = CheckCompiler.compile(check(null, new ServiceCheck("smbd", true, false), null, null, null), h -> h).command();
        assertTrue(service.contains("systemctl is-active \"$s\"") && service.contains("[ \"$a\" = active ]"), service);
        assertTrue(service.contains("[ \"$e\" != enabled ]"), service);
        assertTrue(service.startsWith("s='smbd';"), service);
        String dns = CheckCompiler.compile(check(null, null, null, null, new DnsCheck("intranet.pme.lan", "A", "10.0.0.53",
                "^10\\.0\\.0\\.80$")), h -> h).command();
        assertTrue(dns.contains("dig +short +time=2 +tries=2 @'10.0.0.53' 'intranet.pme.lan' A"), dns);
        assertTrue(dns.endsWith("grep -qE -- '^10\\.0\\.0\\.80$'"), dns);
    }

    @Test
    void templateTextIsQuotedForTheShell() throws Exception {
        assertEquals("'it'\\''s; rm -rf /'", CheckCompiler.quote("it's; rm -rf /"));
        Process p = new ProcessBuilder("bash", "-c", "printf %s " + CheckCompiler.quote("a'b $HOME `id` \"c\"")).start();
        assertEquals("a'b $HOME `id` \"c\"", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
