package io.atelier.lab;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A lab instance as stored: who it is for, where it is in its lifecycle, and its plan. */
public record Lab(
        UUID id,
        String templateId,
        String templateHash,
        String trainee,
        String createdBy,
        LabState state,
        String reason,
        LabPlan plan,
        Map<String, String> parameters,
        String traineePassword,
        String sshPrivateKey,
        String sshPublicKey,
        Instant createdAt,
        Instant updatedAt,
        Instant readyAt,
        Instant expiresAt) {

    /**
     * A hot pool's lab: made before anyone asked for it, it has no trainee yet (an empty name,
     * which no user name can be) until a request claims it.
     */
    public boolean pooled() {
        return trainee.isEmpty();
    }

    /** What {@code {{placeholders}}} stand for in this lab: its parameters, {@code trainee} and {@code lab_id}. */
    public Map<String, String> placeholderValues() {
        Map<String, String> values = new HashMap<>(parameters);
        values.put("trainee", trainee);
        values.put("lab_id", id.toString());
        return values;
    }
}
