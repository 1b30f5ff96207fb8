package io.atelier.check;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How often a lab may be verified: one verification at a time, and the next one no sooner
 * than {@code atelier.checks.verify-interval} after the last ended.
 */
@ApplicationScoped
public class VerificationLimiter {

    /** Why a verification may not start now, and how many seconds to wait. */
    public record Refusal(String message, long retryAfterSeconds) {
    }

    private final Map<UUID, Instant> lastEnded = new ConcurrentHashMap<>();
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    @ConfigProperty(name = "atelier.checks.verify-interval", defaultValue = "PT10S")
    Duration interval;

    /** Null when the lab may be verified now (it is then marked running until {@link #ended}). */
    public Refusal start(UUID lab) {
        Instant last = lastEnded.get(lab);
        Instant now = Instant.now();
        if (last != null && now.isBefore(last.plus(interval))) {
            long wait = Math.max(1, Duration.between(now, last.plus(interval)).toSeconds());
            return new Refusal("Wait " + wait + " s before verifying again.", wait);
        }
        if (!running.add(lab)) return new Refusal("A verification of this lab is already running.", 2);
        return null;
    }

    public void ended(UUID lab) {
        lastEnded.put(lab, Instant.now());
        running.remove(lab);
    }
}
