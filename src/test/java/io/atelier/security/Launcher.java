package io.atelier.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs steps of the launcher's shell code (infra/keycloak/keycloak.sh, ./atelier) as they run for a person. */
final class Launcher {

    record Result(int exit, String output) {
    }

    private Launcher() {
    }

    /**
     * Runs {@code script} in bash after sourcing keycloak.sh with the variables ./atelier gives
     * it ({@code dataDir}, the usual cache), as env-up.sh does.
     */
    static Result keycloakScript(Path dataDir, Map<String, String> env, String script, int timeoutSeconds) throws Exception {
        String prelude = "set -euo pipefail\n"
                + "ROOT=" + quote(Path.of("").toAbsolutePath().toString()) + "\n"
                + "DATA_DIR=" + quote(dataDir.toAbsolutePath().toString()) + "\n"
                + "CACHE_DIR=${ATELIER_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/atelier}\n"
                + "say() { printf '==> %s\\n' \"$*\"; }\n"
                + "die() { printf 'atelier: %s\\n' \"$*\" >&2; exit 1; }\n"
                + "need_packages() { local p; for p; do command -v \"$p\" >/dev/null || die \"missing $p\"; done; }\n"
                + ". \"$ROOT/infra/keycloak/keycloak.sh\"\n";
        return run(List.of("bash", "-c", prelude + script), env, null, timeoutSeconds);
    }

    static Result run(List<String> command, Map<String, String> env, String input, int timeoutSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Process p = builder.start();
        try (var in = p.getOutputStream()) {
            if (input != null) in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(timeoutSeconds, TimeUnit.SECONDS), "finished within " + timeoutSeconds + " s: " + command);
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
