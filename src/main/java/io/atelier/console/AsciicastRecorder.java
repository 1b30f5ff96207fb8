package io.atelier.console;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
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
 */
final class AsciicastRecorder implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;
    private final long startNanos = System.nanoTime();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private long bytes;

    private AsciicastRecorder(BufferedWriter out) {
        this.out = out;
    }

    /** Creates {@code file} 0600 in a 0700 folder (a terminal shows what the trainee types, passwords included). */
    static AsciicastRecorder start(Path file, int columns, int rows, String title) throws IOException {
        PrivateFiles.folder(file.toAbsolutePath().getParent());
        AsciicastRecorder recorder = new AsciicastRecorder(Files.newBufferedWriter(PrivateFiles.newFile(file), StandardCharsets.UTF_8));
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
        bytes += length;
        ByteBuffer in = ByteBuffer.allocate(pending.remaining() + length);
        in.put(pending).put(data, offset, length).flip();
        CharBuffer text = CharBuffer.allocate(in.remaining() + 1);
        utf8.decode(in, text, false);
        pending = in.slice();
        text.flip();
        if (text.hasRemaining()) event("o", text.toString());
    }

    synchronized void input(String text) throws IOException {
        event("i", text);
    }

    synchronized void resize(int columns, int rows) throws IOException {
        event("r", columns + "x" + rows);
    }

    /** Output bytes recorded so far. */
    synchronized long bytes() {
        return bytes;
    }

    private void event(String code, String data) throws IOException {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        line(JSON.writeValueAsString(List.of(Math.round(seconds * 1e6) / 1e6, code, data)));
    }

    private void line(String json) throws IOException {
        out.write(json);
        out.write('\n');
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
