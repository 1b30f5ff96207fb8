package io.atelier.snapshot;

import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Booted snapshots of node shapes (issue 14): {@code atelier.snapshots.*}. */
@ConfigMapping(prefix = "atelier.snapshots")
public interface SnapshotConfig {

    /**
     * Whether new nodes are restored from their shape's booted snapshot (built the first time a
     * shape is needed) instead of booted; {@code false}: every node boots cold.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How many machines are restored and given their identity at once (default: the host's
     * cores). Under TCG a restored guest's identity is CPU work: twelve at once on two cores
     * took over 90 s each and fell back to cold boots (the bench, 2026-12-02); queued, each
     * takes its few seconds and the last is ready no later.
     */
    OptionalInt parallelRestores();
}
