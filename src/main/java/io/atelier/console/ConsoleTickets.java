package io.atelier.console;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Short-lived, single-use console tickets. A ticket is 256 random bits; redeeming removes
 * it, so a second use fails, and one past its expiry fails too. Tickets live in memory: a
 * restart only makes the browser ask for a new one.
 */
@ApplicationScoped
public class ConsoleTickets {

    private final Map<String, ConsoleTicket> open = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    @Inject
    ConsoleConfig config;

    public ConsoleTicket issue(UUID labId, String node, ConsoleKind kind, String user, boolean readOnly) {
        return issue(labId, node, kind, user, readOnly, config.ticketTtl());
    }

    public ConsoleTicket issue(UUID labId, String node, ConsoleKind kind, String user, boolean readOnly, Duration ttl) {
        forgetExpired();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ConsoleTicket ticket = new ConsoleTicket(value, labId, node, kind, user, readOnly, Instant.now().plus(ttl));
        open.put(value, ticket);
        return ticket;
    }

    /** The ticket if it exists and has not expired; either way it cannot be used again. */
    public Optional<ConsoleTicket> redeem(String value) {
        if (value == null) return Optional.empty();
        ConsoleTicket ticket = open.remove(value);
        if (ticket == null || !Instant.now().isBefore(ticket.expiresAt())) return Optional.empty();
        return Optional.of(ticket);
    }

    private void forgetExpired() {
        Instant now = Instant.now();
        open.values().removeIf(t -> !now.isBefore(t.expiresAt()));
    }
}
