package io.atelier.lab;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits and timings of labs: {@code atelier.labs.*}. */
@ConfigMapping(prefix = "atelier.labs")
public interface LabConfig {

    /** At most this many labs with running VMs on this host; a new one beyond is refused. */
    @WithDefault("8")
    int maxRunning();

    /** At most this much guest memory (MiB) for the labs with running VMs. */
    @WithDefault("12288")
    int maxMemoryMib();

    /**
     * At most this many practice labs (a trainee's own, started for themselves) with running
     * VMs per trainee, so that one person cannot take the host's capacity from a session.
     */
    @WithDefault("1")
    int maxPracticePerTrainee();

    /** How long every node of a lab has to answer on the management network before the lab is FAILED. */
    @WithDefault("PT6M")
    Duration readyTimeout();

    /** How often the reconciler compares libvirt with the database ({@code off} disables the periodic pass). */
    @WithDefault("60s")
    String reconcileEvery();

    /** A lab expires (its VMs are deleted) this long after the template's duration. */
    @WithDefault("PT1H")
    Duration graceAfterDuration();
}
