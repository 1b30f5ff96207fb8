package io.atelier.lab;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.atelier.security.Keycloak;
import io.restassured.path.json.JsonPath;

/** Helpers of the tests that run real TCG VMs: waiting on a lab's state, and asking libvirt with virsh. */
public final class RealLabs {

    /** Time a lab gets to become READY under TCG (boot ~30 s per VM, two cores shared). */
    public static final Duration READY_WITHIN = Duration.ofMinutes(8);

    private RealLabs() {
    }

    /** Polls GET /api/labs/{id} (as formateur1) until its state is one of {@code states}; answers the last body. */
    public static JsonPath awaitState(Supplier<String> baseUri, String id, Duration within, String... states) {
        long deadline = System.nanoTime() + within.toNanos();
        List<String> wanted = List.of(states);
        JsonPath lab;
        do {
            lab = given().baseUri(baseUri.get()).auth().oauth2(Keycloak.token("formateur1")).get("/api/labs/" + id)
                    .then().statusCode(200).extract().jsonPath();
            if (wanted.contains(lab.getString("state"))) return lab;
            if (lab.getString("state").equals("FAILED") && !wanted.contains("FAILED")) {
                throw new AssertionError("lab " + id + " FAILED: " + lab.getString("reason"));
            }
            pause(Duration.ofSeconds(2));
        } while (System.nanoTime() < deadline);
        throw new AssertionError("lab " + id + " still " + lab.getString("state") + " after " + within.toSeconds()
                + " s, not " + wanted);
    }

    /** The names virsh lists (domains, networks or volumes of a pool) that contain {@code text}. */
    public static List<String> virsh(String text, String... args) {
        try {
            String[] command = new String[args.length + 3];
            command[0] = "virsh";
            command[1] = "-c";
            command[2] = "qemu:///system";
            System.arraycopy(args, 0, command, 3, args.length);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.lines().map(String::strip).filter(l -> l.contains(text)).toList();
        } catch (IOException e) {
            throw new AssertionError("virsh: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Everything libvirt holds whose name carries {@code labId}: domains, networks, volumes of {@code pool}. */
    static Map<String, List<String>> libvirtObjectsOf(String labId, String pool) {
        return Map.of("domains", virsh(labId, "list", "--all", "--name"),
                "networks", virsh(labId, "net-list", "--all", "--name"),
                "volumes", virsh(labId, "vol-list", pool));
    }

    public static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
