package io.atelier.lab;

import java.util.UUID;

/**
 * A CDI event: the lab just closed to its trainee (its session paused or ended, it was
 * submitted, its deadline passed). Whoever holds something open for the trainee on this lab
 * (the consoles) lets it go, telling them {@code reason}.
 */
public record LabClosed(UUID lab, String trainee, String reason) {
}
