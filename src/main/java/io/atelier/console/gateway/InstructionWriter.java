package io.atelier.console.gateway;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes instructions to the Guacamole client, UTF-8 encoded, from several threads: one call of
 * {@link #send} is written and flushed atomically, so the instructions of a stream ({@code img} or
 * {@code clipboard}, its {@code blob}s, {@code end}) or of a frame and its {@code sync} never
 * interleave with others. Blob data is cut into chunks of {@link #BLOB_CHUNK} bytes, i.e. 6000 base64
 * chars, so every instruction stays well below the 8192 chars that guacamole-common's parser accepts.
 * Also counts the bytes sent and remembers when the last instruction went out (for the {@code nop}
 * keep-alive).
 */
public final class InstructionWriter {

    /** Raw bytes per {@code blob} instruction (base64: 6000 chars). */
    public static final int BLOB_CHUNK = 4500;

    private final CountingStream counter;
    private final Writer out;
    private final AtomicLong lastSend = new AtomicLong(System.nanoTime());
    private final AtomicInteger streams = new AtomicInteger();
    private volatile long writingSince;
    /** A lock rather than synchronized: virtual threads blocked in socket writes must not pin carriers on Java 21. */
    private final ReentrantLock lock = new ReentrantLock();

    public InstructionWriter(OutputStream stream) {
        this.counter = new CountingStream(stream);
        this.out = new BufferedWriter(new OutputStreamWriter(counter, StandardCharsets.UTF_8), 16 * 1024);
    }

    /** Writes the instructions in order and flushes. */
    public void send(Instruction... instructions) throws IOException {
        lock.lock();
        writingSince = System.nanoTime();
        try {
            for (Instruction instruction : instructions) {
                out.write(instruction.encode());
            }
            out.flush();
            lastSend.set(System.nanoTime());
        } finally {
            writingSince = 0;
            lock.unlock();
        }
    }

    /**
     * Writes a whole output stream: {@code open} (an {@code img} or {@code clipboard} instruction on
     * {@code stream}), the data as base64 {@code blob}s, {@code end}, then {@code after} (e.g. a sync).
     */
    public void sendStream(Instruction open, int stream, byte[] data, Instruction... after)
            throws IOException {
        lock.lock();
        writingSince = System.nanoTime();
        try {
            writeStream(open, stream, data, after);
            lastSend.set(System.nanoTime());
        } finally {
            writingSince = 0;
            lock.unlock();
        }
    }

    private void writeStream(Instruction open, int stream, byte[] data, Instruction... after) throws IOException {
        out.write(open.encode());
        Base64.Encoder base64 = Base64.getEncoder();
        for (int offset = 0; offset < data.length; offset += BLOB_CHUNK) {
            int length = Math.min(BLOB_CHUNK, data.length - offset);
            byte[] chunk = new byte[length];
            System.arraycopy(data, offset, chunk, 0, length);
            out.write(Instruction.of("blob", stream, base64.encodeToString(chunk)).encode());
        }
        out.write(Instruction.of("end", stream).encode());
        for (Instruction instruction : after) {
            out.write(instruction.encode());
        }
        out.flush();
    }

    /** A stream index for an output stream; streams are closed at once, so indices are reused cyclically. */
    public int nextStream() {
        return 1 + Math.floorMod(streams.getAndIncrement(), 1000);
    }

    /** Nanoseconds since the last instruction was sent. */
    public long idleNanos() {
        return System.nanoTime() - lastSend.get();
    }

    /** Nanoseconds the current write has been blocked, 0 if none is under way. */
    public long writingNanos() {
        long since = writingSince;
        return since == 0 ? 0 : System.nanoTime() - since;
    }

    /** Bytes written to the client so far. */
    public long bytesSent() {
        return counter.count.get();
    }

    private static final class CountingStream extends FilterOutputStream {
        final AtomicLong count = new AtomicLong();

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count.addAndGet(len);
        }
    }
}
