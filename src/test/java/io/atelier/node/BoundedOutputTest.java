package io.atelier.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * What SSH output the platform keeps: a node writing 1 GiB (what {@code head -c 1G /dev/zero}
 * sends, generated here in JSch's packet sizes) leaves at most the limit buffered, at every
 * moment, and the reader is told once, at the first byte past it, to close the channel.
 */
class BoundedOutputTest {

    @Test
    void aGibibyteWrittenKeepsAtMostTheLimitAndSignalsTheCutOnce() {
        int limit = NodeShell.OUTPUT_LIMIT;
        AtomicInteger signals = new AtomicInteger();
        BoundedOutput out = new BoundedOutput(limit, signals::incrementAndGet);
        byte[] packet = new byte[32 * 1024];
        Arrays.fill(packet, (byte) 'y');
        long total = 1L << 30;
        int most = 0;
        for (long sent = 0; sent < total; sent += packet.length) {
            out.write(packet, 0, packet.length);
            most = Math.max(most, out.capacity());
            assertTrue(out.capacity() <= limit, "buffered " + out.capacity() + " bytes after " + sent);
        }
        System.out.printf("bounded output: %d bytes written, %d kept, buffer at most %d bytes%n", out.written(), out.size(),
                most);
        assertEquals(total, out.written());
        assertEquals(limit, out.size(), "the beginning is kept, up to the limit");
        assertTrue(out.cut());
        assertEquals(1, signals.get(), "the reader is told once");
        assertEquals(limit, out.text().length());
    }

    @Test
    void exactlyTheLimitIsNotCutOneByteMoreIs() {
        AtomicInteger signals = new AtomicInteger();
        BoundedOutput out = new BoundedOutput(10, signals::incrementAndGet);
        out.write("0123456789".getBytes(), 0, 10);
        assertFalse(out.cut());
        assertEquals("0123456789", out.text());
        out.write('!');
        assertTrue(out.cut());
        assertEquals("0123456789", out.text());
        assertEquals(1, signals.get());

        BoundedOutput small = new BoundedOutput(1 << 20, null);
        small.write("ok\n".getBytes(), 0, 3);
        assertEquals("ok\n", small.text());
        assertTrue(small.capacity() <= 8192, "a small output takes a small buffer: " + small.capacity());
    }
}
