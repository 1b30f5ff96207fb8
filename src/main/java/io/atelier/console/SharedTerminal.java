package io.atelier.console;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

/**
 * One terminal of a node (its serial line, or an SSH shell as the trainee), shared by every
 * browser that opens it: output goes to all viewers, as it is read, and into the recording
 * until the recording reaches its size limit (then only to the viewers); input and
 * resizes come only from viewers who are not read-only. It ends when the node side closes
 * or the last viewer leaves.
 */
final class SharedTerminal {

    private static final Logger LOG = Logger.getLogger(SharedTerminal.class);

    private final String name;
    private final TerminalBackend backend;
    private final AsciicastRecorder recorder;
    private final UUID recordingId;
    private final RecordingStore recordings;
    private final Consumer<SharedTerminal> onEnd;
    private final Set<TerminalViewer> viewers = new CopyOnWriteArraySet<>();
    private boolean ended;

    SharedTerminal(String name, TerminalBackend backend, AsciicastRecorder recorder, UUID recordingId,
            RecordingStore recordings, Consumer<SharedTerminal> onEnd) {
        this.name = name;
        this.backend = backend;
        this.recorder = recorder;
        this.recordingId = recordingId;
        this.recordings = recordings;
        this.onEnd = onEnd;
    }

    void start() {
        Thread.ofVirtual().name("terminal " + name).start(this::relayOutput);
    }

    /** False when the terminal has already ended: the caller opens a new one. */
    synchronized boolean attach(TerminalViewer viewer) {
        if (ended) return false;
        viewers.add(viewer);
        return true;
    }

    void detach(TerminalViewer viewer) {
        boolean removed = viewers.remove(viewer);
        LOG.debugf("terminal %s: %s left (%s), %d viewers remain", name, viewer.user(), removed, viewers.size());
        if (viewers.isEmpty()) end(null);
    }

    /** Tells {@code user}'s viewers why they are let go, and detaches them (the platform closed the lab to them). */
    void closeViewersOf(String user, String reason) {
        for (TerminalViewer viewer : viewers) {
            if (viewer.user().equals(user)) {
                viewer.closed(reason);
                detach(viewer);
            }
        }
    }

    /** Lets go of viewers whose connection closed without its close being reported (it happens with Undertow). */
    void sweep() {
        for (TerminalViewer viewer : viewers) {
            if (viewer.gone()) {
                LOG.debugf("terminal %s: %s left without a close", name, viewer.user());
                detach(viewer);
            }
        }
    }

    void input(TerminalViewer viewer, String text) throws IOException {
        if (viewer.readOnly() || text.isEmpty()) return;
        backend.write(text.getBytes(StandardCharsets.UTF_8));
        recorder.input(text);
    }

    void resize(TerminalViewer viewer, int columns, int rows) throws IOException {
        if (viewer.readOnly()) return;
        backend.resize(columns, rows);
        recorder.resize(columns, rows);
    }

    private void relayOutput() {
        byte[] buffer = new byte[16384];
        String why = "The terminal was closed on the machine.";
        try {
            int n;
            while ((n = backend.output().read(buffer)) >= 0) {
                if (n == 0) continue;
                if (!recorder.cut()) {
                    recorder.output(buffer, 0, n);
                    if (recorder.cut()) LOG.infof("terminal %s: recording cut at its size limit, the terminal goes on", name);
                }
                ByteBuffer chunk = ByteBuffer.wrap(Arrays.copyOf(buffer, n)).asReadOnlyBuffer();
                for (TerminalViewer viewer : viewers) {
                    if (!viewer.output(chunk.duplicate())) detach(viewer);
                }
            }
        } catch (IOException e) {
            if (!isEnded()) why = "The terminal was cut: " + e.getMessage();
        }
        end(why);
    }

    /** The platform stops: viewers are told, the recording is closed. */
    void shutdown() {
        end("The platform is stopping.");
    }

    private synchronized boolean isEnded() {
        return ended;
    }

    private void end(String why) {
        synchronized (this) {
            if (ended) return;
            ended = true;
        }
        try {
            backend.close();
        } catch (IOException e) {
            LOG.debugf("closing terminal %s: %s", name, e.getMessage());
        }
        long bytes = recorder.bytes();
        try {
            recorder.close();
        } catch (IOException e) {
            LOG.warnf("closing the recording of terminal %s: %s", name, e.getMessage());
        }
        try {
            recordings.ended(recordingId, Instant.now(), bytes);
        } catch (RuntimeException e) {
            LOG.warnf("could not mark the recording of terminal %s ended: %s", name, e.getMessage());
        }
        onEnd.accept(this);
        LOG.infof("terminal %s closed (%d bytes of output recorded)", name, bytes);
        if (why != null) {
            for (TerminalViewer viewer : viewers) viewer.closed(why);
        }
    }
}
