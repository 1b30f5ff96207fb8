package io.atelier.console;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A recorded terminal session (asciicast v2), evidence of what was done on a node. */
public record Recording(UUID id, UUID labId, String node, String kind, String openedBy, Instant startedAt,
        Instant endedAt, long bytes, @JsonIgnore String path) {
}
