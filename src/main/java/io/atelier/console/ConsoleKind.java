package io.atelier.console;

import java.util.Locale;
import java.util.Optional;

/**
 * The consoles of a lab node, as a template names them: the graphical screen (VNC, shown by
 * guacamole-common-js), the serial console and an SSH session as the trainee (both shown by
 * xterm.js).
 */
public enum ConsoleKind {
    VNC, SERIAL, SSH;

    /** The name in templates and in the API ({@code vnc}, {@code serial}, {@code ssh}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this != VNC;
    }

    public static Optional<ConsoleKind> of(String id) {
        for (ConsoleKind kind : values()) {
            if (kind.id().equals(id)) return Optional.of(kind);
        }
        return Optional.empty();
    }
}
