package io.atelier.console.gateway;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Sends key events to the VM no faster than a keyboard the guest can keep up with. QEMU's PS/2
 * keyboard holds 16 bytes for the guest to read and silently drops what comes beyond them (its
 * {@code PS2_QUEUE_SIZE}, QEMU 7.2 as in hw/input/ps2.c): a character typed with AltGr and Shift is
 * 6 key events and 8 bytes, so a burst of two or three such characters, arriving while the guest's
 * vCPU waits for the host's CPU (TCG, a loaded 2-core host), lost a key (CI, 2026-12-04: {@code ¿}
 * missing from {@code ConsoleRealTest}'s line of AltGr characters). Here each event leaves at least
 * {@link #INTERVAL_NANOS} after the one before: 11 events, the most 15 bytes hold, span 275 ms, the
 * stall a guest may now take without losing a key. At 15 ms apart (150 ms of stall) the suite lost
 * three events in a row once more (run80, 2026-12-06: AltGr+2 and AltGr's release at a line's end,
 * so the guest had not read for some 200 ms). A person typing 8 characters a second is never behind:
 * each character's first event leaves when it is typed, its other events (at most 5) within 125 ms;
 * only bursts faster than a person types (a script, a browser catching up, a paste) are spread out,
 * on the connection's client thread.
 */
final class KeyPacing implements KeyTranslator.Keys {

    /** The least time between two key events sent to the VM. */
    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    /** The time, as {@link System#nanoTime()}, and waiting: a test gives its own. */
    interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;
    }

    static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };

    private final KeyTranslator.Keys keys;
    private final Clock clock;
    /** When the last event left (the first one leaves at once). */
    private long last;

    KeyPacing(KeyTranslator.Keys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
        this.last = clock.nanoTime() - INTERVAL_NANOS;
    }

    @Override
    public boolean scancodes() {
        return keys.scancodes();
    }

    @Override
    public void keysym(int keysym, boolean down) throws IOException {
        await();
        keys.keysym(keysym, down);
    }

    @Override
    public void scancode(int keysym, int scancode, boolean down) throws IOException {
        await();
        keys.scancode(keysym, scancode, down);
    }

    private void await() throws IOException {
        long now = clock.nanoTime();
        if (now - last < INTERVAL_NANOS) {
            try {
                clock.sleepNanos(INTERVAL_NANOS - (now - last));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("connection closed while typing");
            }
            now = clock.nanoTime();
        }
        last = now;
    }
}
