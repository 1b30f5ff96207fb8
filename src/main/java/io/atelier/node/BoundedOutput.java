package io.atelier.node;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An output stream that keeps the first {@code limit} bytes written to it and drops the
 * rest, never blocking and never failing the writer (JSch's session thread, which serves
 * every channel of the session). Its buffer grows with what it keeps, never past the limit.
 * The first byte past the limit marks it {@linkplain #cut() cut} and runs {@code onCut} once,
 * so the reader can close the channel and the node stops sending.
 */
public final class BoundedOutput extends OutputStream {

    private final int limit;
    private final Runnable onCut;
    private byte[] kept = new byte[0];
    private int size;
    private long written;
    private boolean cut;

    public BoundedOutput(int limit, Runnable onCut) {
        if (limit < 0) throw new IllegalArgumentException("limit " + limit);
        this.limit = limit;
        this.onCut = onCut;
    }

    @Override
    public void write(int b) {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        boolean justCut;
        synchronized (this) {
            written += length;
            int room = limit - size;
            int keep = Math.min(room, length);
            if (keep > 0) {
                if (size + keep > kept.length) {
                    kept = Arrays.copyOf(kept, (int) Math.min(limit, Math.max(size + keep, Math.max(8192, 2L * kept.length))));
                }
                System.arraycopy(data, offset, kept, size, keep);
                size += keep;
            }
            justCut = length > keep && !cut;
            if (justCut) cut = true;
        }
        if (justCut && onCut != null) onCut.run();
    }

    /** True once more than {@code limit} bytes were written: what is kept is only the beginning. */
    public synchronized boolean cut() {
        return cut;
    }

    /** Bytes kept (at most the limit). */
    public synchronized int size() {
        return size;
    }

    /** What the buffer holds room for: never more than the limit. */
    public synchronized int capacity() {
        return kept.length;
    }

    /** Bytes written to it, kept or not. */
    public synchronized long written() {
        return written;
    }

    public synchronized String text() {
        return new String(kept, 0, size, StandardCharsets.UTF_8);
    }
}
