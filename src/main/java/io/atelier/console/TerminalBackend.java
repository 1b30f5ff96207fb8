package io.atelier.console;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** What a terminal is connected to on the node side: a byte stream in each direction, and a size. */
interface TerminalBackend extends Closeable {

    /** The node's output; a read answers -1 when the node side closes. */
    InputStream output();

    void write(byte[] data) throws IOException;

    /** The browser's terminal changed size; a backend without a size ignores it. */
    void resize(int columns, int rows) throws IOException;
}
