package io.atelier.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A terminal whose node prints without end (here a fake node sending 32 MiB of {@code yes}:
 * a real one needs a VM) is relayed whole to its viewer, while its recording stops at its
 * size limit and ends saying it was cut.
 */
class RecordingLimitTest {

    static final long LIMIT = 1 << 20;
    static final long PRINTED = 32L << 20;

    /** What a node running {@code yes} sends, {@code total} bytes, in reads of up to 16 KiB. */
    static final class Yes extends InputStream {
        private long left;

        Yes(long total) {
            left = total;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) return -1;
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) b[off + i] = (i % 2 == 0) ? (byte) 'y' : (byte) '\n';
            left -= n;
            return n;
        }
    }

    @Test
    void aFakeNodePrintingWithoutEndIsRelayedWholeAndRecordedUpToTheLimit(@TempDir Path folder) throws Exception {
        TerminalBackend node = new TerminalBackend() {
            final InputStream output = new Yes(PRINTED);

            @Override
            public InputStream output() {
                return output;
            }

            @Override
            public void write(byte[] data) {
            }

            @Override
            public void resize(int columns, int rows) {
            }

            @Override
            public void close() {
            }
        };
        AtomicLong relayed = new AtomicLong();
        TerminalViewer viewer = new TerminalViewer() {
            @Override
            public String user() {
                return "stagiaire1";
            }

            @Override
            public boolean readOnly() {
                return false;
            }

            @Override
            public boolean output(ByteBuffer data) {
                relayed.addAndGet(data.remaining());
                return true;
            }

            @Override
            public boolean gone() {
                return false;
            }

            @Override
            public void closed(String message) {
            }
        };
        AtomicLong recordedBytes = new AtomicLong(-1);
        RecordingStore rows = new RecordingStore(null) {
            @Override
            public void ended(UUID id, Instant at, long bytes) {
                recordedBytes.set(bytes);
            }
        };
        Path file = folder.resolve("lab").resolve("poste-ssh.cast");
        AsciicastRecorder recorder = AsciicastRecorder.start(file, 80, 24, "poste (ssh)", LIMIT);
        CountDownLatch ended = new CountDownLatch(1);
        SharedTerminal terminal = new SharedTerminal("ssh poste", node, recorder, UUID.randomUUID(), rows,
                t -> ended.countDown());
        terminal.attach(viewer);
        terminal.input(viewer, "yes\r");
        terminal.start();
        assertTrue(ended.await(60, TimeUnit.SECONDS), "the terminal ends when the node closes it");

        assertEquals(PRINTED, relayed.get(), "the viewer saw everything the node printed");
        long size = Files.size(file);
        System.out.printf("recording: %d bytes printed, file of %d bytes (limit %d), %d output bytes recorded%n", PRINTED,
                size, LIMIT, recordedBytes.get());
        assertTrue(size <= LIMIT + 1024, "the file stays within its limit (and the notice): " + size);
        assertTrue(recordedBytes.get() > 0 && recordedBytes.get() < LIMIT, "output bytes recorded: " + recordedBytes.get());

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper();
        assertEquals(2, json.readTree(lines.get(0)).path("version").asInt(), "an asciicast v2 header");
        assertEquals("i", json.readTree(lines.get(1)).get(1).asText(), "input is recorded before the cut");
        JsonNode notice = json.readTree(lines.get(lines.size() - 2));
        JsonNode marker = json.readTree(lines.get(lines.size() - 1));
        assertEquals("o", notice.get(1).asText());
        assertTrue(notice.get(2).asText().contains("Enregistrement arrêté"), notice.toString());
        assertEquals("m", marker.get(1).asText(), "an asciicast marker says where and why it was cut");
        assertTrue(marker.get(2).asText().startsWith("recording cut"), marker.toString());
        for (String line : lines.subList(1, lines.size())) json.readTree(line);
    }
}
