package io.atelier.snapshot;

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
}
