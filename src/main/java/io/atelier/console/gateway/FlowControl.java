package io.atelier.console.gateway;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Frame flow control through {@code sync}: every frame sent to the Guacamole client ends with
 * {@code sync,<timestamp>} and the client answers with the same {@code sync,<timestamp>} once it has
 * rendered everything before it. While more than {@link #MAX_UNACKNOWLEDGED} syncs are unanswered
 * the gateway asks the VNC server for no new frame, which bounds both the display lag and the
 * bandwidth to what the client really consumes. Timestamps are strictly increasing, because
 * guacamole-common-js does not answer a sync whose timestamp equals the previous one.
 */
public final class FlowControl {

    public static final int MAX_UNACKNOWLEDGED = 3;

    private final Deque<Long> pending = new ArrayDeque<>();
    private long lastTimestamp;
    private boolean wanted;

    /** A new timestamp for a frame's sync, recorded as pending. */
    public synchronized long frameSent() {
        long timestamp = Math.max(System.currentTimeMillis(), lastTimestamp + 1);
        lastTimestamp = timestamp;
        pending.addLast(timestamp);
        return timestamp;
    }

    /** The client acknowledged every sync up to {@code timestamp}. */
    public synchronized void acknowledged(long timestamp) {
        while (!pending.isEmpty() && pending.peekFirst() <= timestamp) {
            pending.removeFirst();
        }
    }

    /** Syncs sent and not yet acknowledged. */
    public synchronized int unacknowledged() {
        return pending.size();
    }

    /** The VNC session is ready for the next frame request (the previous update has been handled). */
    public synchronized void wantFrame() {
        wanted = true;
    }

    /**
     * True, once, when a frame is wanted and the client is not too far behind: the caller then sends
     * the FramebufferUpdateRequest.
     */
    public synchronized boolean mayRequest() {
        if (wanted && pending.size() < MAX_UNACKNOWLEDGED) {
            wanted = false;
            return true;
        }
        return false;
    }
}
