package io.atelier.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Consoles: {@code atelier.consoles.*}. */
@ConfigMapping(prefix = "atelier.consoles")
public interface ConsoleConfig {

    /** How long a console ticket may wait before it is used (once). */
    @WithDefault("PT30S")
    Duration ticketTtl();

    /**
     * A real guacd ({@code host:port}) to use instead of the embedded gateway, e.g. to serve
     * RDP too. Empty: the platform starts its own gateway on loopback.
     */
    Optional<String> guacd();

    /** Where terminal sessions are recorded (asciicast v2), one folder per lab. */
    @WithDefault("var/recordings")
    Path recordingsDir();

    /**
     * The most one terminal's recording holds ({@code 64M}, {@code 512K}…): past it the
     * terminal goes on for its viewers, and the recording ends saying it was cut.
     */
    @WithDefault("64M")
    MemorySize recordingMaxBytes();

    /** How long recordings are kept after their terminal ended: older ones are deleted, file and row. */
    @WithDefault("P90D")
    Duration recordingsRetention();

    /** Terminal size until the browser says otherwise. */
    @WithDefault("80")
    int defaultColumns();

    @WithDefault("24")
    int defaultRows();
}
