package io.atelier.check;

/** What a check's command did on a node: its exit code and its two output streams. */
public record CommandOutput(int exit, String stdout, String stderr) {
}
