package io.atelier.console;

import java.nio.ByteBuffer;

/** One browser watching (and, unless read-only, typing in) a shared terminal. */
interface TerminalViewer {

    String user();

    boolean readOnly();

    /** Terminal output, to relay as it is; false when this viewer is gone (its socket closed). */
    boolean output(ByteBuffer data);

    /** True once this viewer's connection is closed, whether or not its close was reported. */
    boolean gone();

    /** The terminal ended (the node closed it, or it failed); {@code message} says why. */
    void closed(String message);
}
