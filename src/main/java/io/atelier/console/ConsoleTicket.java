package io.atelier.console;

import java.time.Instant;
import java.util.UUID;

/**
 * The right to open one console once: which lab, node and kind, for whom, whether the
 * holder may type, and until when it may be redeemed. The ticket value itself is a secret
 * (it travels in the WebSocket URL), so {@link #toString()} leaves it out.
 */
public record ConsoleTicket(String value, UUID labId, String node, ConsoleKind kind, String user, boolean readOnly,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "ConsoleTicket[lab=" + labId + ", node=" + node + ", kind=" + kind.id() + ", user=" + user
                + ", readOnly=" + readOnly + ", expiresAt=" + expiresAt + "]";
    }
}
