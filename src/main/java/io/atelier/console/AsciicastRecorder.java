package io.atelier.console;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.atelier.security.PrivateFiles;

/**
 * Writes a terminal session in asciicast v2: a JSON header line ({@code version: 2},
 * {@code width}, {@code height}, {@code timestamp}, {@code title}), then one JSON array
 * per event, {@code [seconds, code, data]}, where code is {@code "o"} for output,
 * {@code "i"} for input and {@code "r"} for a resize to {@code "COLSxROWS"}. Output bytes
 * are decoded as UTF-8 across reads, so a character split between two reads is written
 * whole. Each event is flushed, so a crash loses at most the one being written.
 * <p>
 * A recording holds at most {@code maxBytes} of events: the event that would go past it is
 * not written; instead the recording ends with a visible line ({@code "o"}) and a marker
 * ({@code "m"}, asciicast's marker event) saying it was cut there, and nothing more is
 * recorded, while the terminal goes on for its viewers.
 */
final class AsciicastRecorder implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;
    private final long maxBytes;
    private final long startNanos = System.nanoTime();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private long bytes;
    private long written;
    private boolean cut;

    private AsciicastRecorder(OutputStream out, long maxBytes) {
        this.out = out;
        this.maxBytes = maxBytes;
    }

    /**
     * Creates {@code file} 0600 in a 0700 folder (a terminal shows what the trainee types,
     * passwords included).
     *
     * @param maxBytes the most the file may hold (header and events); what would go past it is not recorded
     */
    static AsciicastRecorder start(Path file, int columns, int rows, String title, long maxBytes) throws IOException {
        PrivateFiles.folder(file.toAbsolutePath().getParent());
        AsciicastRecorder recorder = new AsciicastRecorder(new BufferedOutputStream(Files.newOutputStream(PrivateFiles.newFile(file))), maxBytes);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("version", 2);
        header.put("width", columns);
        header.put("height", rows);
        header.put("timestamp", System.currentTimeMillis() / 1000);
        header.put("title", title);
        recorder.line(JSON.writeValueAsString(header));
        return recorder;
    }

    synchronized void output(byte[] data, int offset, int length) throws IOException {
        if (cut) return;
        ByteBuffer in = ByteBuffer.allocate(pending.remaining() + length);
        in.put(pending).put(data, offset, length).flip();
        CharBuffer text = CharBuffer.allocate(in.remaining() + 1);
        utf8.decode(in, text, false);
        pending = in.slice();
        text.flip();
        if (text.hasRemaining()) event("o", text.toString());
        if (!cut) bytes += length;
    }

    synchronized void input(String text) throws IOException {
        event("i", text);
    }

    synchronized void resize(int columns, int rows) throws IOException {
        event("r", columns + "x" + rows);
    }

    /** Output bytes recorded so far (those past the cut are not). */
    synchronized long bytes() {
        return bytes;
    }

    /** True once the recording reached its size limit and stopped. */
    synchronized boolean cut() {
        return cut;
    }

    /** Bytes of the file so far. */
    synchronized long written() {
        return written;
    }

    private void event(String code, String data) throws IOException {
        if (cut) return;
        byte[] line = line(code, data);
        if (written + line.length > maxBytes) {
            cut = true;
            String why = "recording cut: it reached its limit of " + maxBytes
                    + " bytes; the terminal went on without being recorded";
            write(line("o", "\r\n[Atelier] Enregistrement arrêté : limite de " + maxBytes
                    + " octets atteinte ; la suite n'est pas enregistrée.\r\n"));
            write(line("m", why));
            return;
        }
        write(line);
    }

    private byte[] line(String code, String data) throws IOException {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return (JSON.writeValueAsString(List.of(Math.round(seconds * 1e6) / 1e6, code, data)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private void line(String json) throws IOException {
        write((json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] line) throws IOException {
        out.write(line);
        out.flush();
        written += line.length;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
