package io.atelier.check;

/**
 * What a check's command did on a node: its exit code and its two output streams.
 * {@code cut}: an output went past the transport's limit, so only its beginning is here and
 * the command was stopped; such a check never passes (see {@link CheckEngine}).
 */
public record CommandOutput(int exit, String stdout, String stderr, boolean cut) {

    public CommandOutput(int exit, String stdout, String stderr) {
        this(exit, stdout, stderr, false);
    }
}
