package io.atelier.lab;

import java.time.Instant;
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
}
