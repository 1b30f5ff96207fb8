package io.atelier.node;

import java.util.concurrent.TimeoutException;

/**
 * A command that outlived its bound and was stopped, with what it had printed until then: a
 * check that waits for a slow service says what it saw, and that is the evidence of its ERROR
 * (CI on 3f487bd: a check stopped after 300 s left only "no answer", not which wait it was in).
 */
public final class Outlived extends TimeoutException {

    private final transient String stdout;
    private final transient String stderr;

    public Outlived(String message, String stdout, String stderr) {
        super(message);
        this.stdout = stdout == null ? "" : stdout;
        this.stderr = stderr == null ? "" : stderr;
    }

    /** What the command printed on its standard output before it was stopped. */
    public String stdout() {
        return stdout;
    }

    /** What the command printed on its error output before it was stopped. */
    public String stderr() {
        return stderr;
    }
}
