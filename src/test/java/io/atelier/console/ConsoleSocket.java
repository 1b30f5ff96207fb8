package io.atelier.console;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test's end of a console WebSocket (the JDK's client): keeps every text message, the
 * binary output as one growing byte stream, and the close code, and waits on them with a
 * deadline (polling what arrived, never a fixed sleep).
 */
final class ConsoleSocket implements WebSocket.Listener, AutoCloseable {

    final List<String> texts = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    static ConsoleSocket open(String baseUri, String url, String... subprotocols) {
        ConsoleSocket listener = new ConsoleSocket();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (subprotocols.length > 0) builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        String ws = baseUri.replaceFirst("^http", "ws").replaceAll("/$", "") + url;
        listener.socket = builder.buildAsync(URI.create(ws), listener).join();
        return listener;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            texts.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        synchronized (binary) {
            binary.writeBytes(bytes);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Everything received as binary so far, decoded as UTF-8. */
    String output() {
        synchronized (binary) {
            return binary.toString(StandardCharsets.UTF_8);
        }
    }

    /** Characters of text plus bytes of binary received so far. */
    long received() {
        long text = 0;
        for (String t : texts) text += t.length();
        synchronized (binary) {
            return text + binary.size();
        }
    }

    /** All text messages so far, concatenated. */
    String allText() {
        return String.join("", texts);
    }

    /** Waits until {@code condition} holds for this socket, failing with {@code what} and what arrived. */
    ConsoleSocket await(String what, Duration within, Predicate<ConsoleSocket> condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.test(this)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + within.toSeconds() + " s for " + what + "; texts: "
                        + abbreviate(allText()) + "; output: " + abbreviate(output()));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return this;
    }

    int closeCode(Duration within) throws Exception {
        return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : "…" + text.substring(text.length() - 2000);
    }

    /** Closes politely and waits for the platform's answer; a platform that does not answer gets the connection cut. */
    @Override
    public void close() {
        try {
            if (!socket.isOutputClosed()) socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            closed.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }
}
