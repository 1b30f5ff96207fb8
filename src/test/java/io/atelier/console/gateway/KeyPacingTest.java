package io.atelier.console.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pace of the keys sent to the VM, on a clock the test moves: a burst is spread so that QEMU's
 * 16-byte PS/2 queue is not outrun, and a person typing is never held behind. What reaches the VM
 * under load is tried by {@code ConsoleRealTest}.
 */
class KeyPacingTest {

    /** A clock that moves only when the code under test waits or the test says time passed. */
    static final class Clock implements KeyPacing.Clock {
        long now = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
        }
    }

    /** The console of {@link KeyTranslatorTest}, noting when each event reaches it, behind the pacing it tries. */
    static final class Timed implements KeyTranslator.Keys {
        final KeyTranslatorTest.Console console = new KeyTranslatorTest.Console(true);
        final List<Long> times = new ArrayList<>();
        final Clock clock = new Clock();
        final KeyTranslator translator = new KeyTranslator(KeyboardLayout.FR, new KeyPacing(this, clock));

        @Override
        public boolean scancodes() {
            return true;
        }

        @Override
        public void keysym(int keysym, boolean down) {
            times.add(clock.now);
            console.keysym(keysym, down);
        }

        @Override
        public void scancode(int keysym, int scancode, boolean down) {
            times.add(clock.now);
            console.scancode(keysym, scancode, down);
        }
    }

    private static void type(KeyTranslator t, int codePoint) throws IOException {
        int keysym = codePoint <= 0xff ? codePoint : 0x01000000 | codePoint;
        t.key(keysym, true);
        t.key(keysym, false);
    }

    @Test
    void aBurstOfAltGrCharactersReachesTheVmOneEventPerInterval() throws IOException {
        Timed vm = new Timed();
        String burst = "¿¿¿±°¿æÆ«";
        for (int c : burst.codePoints().toArray()) {
            type(vm.translator, c);
        }
        assertEquals(burst, vm.console.text.toString(), "typed once each, in order");
        for (int i = 1; i < vm.times.size(); i++) {
            assertTrue(vm.times.get(i) - vm.times.get(i - 1) >= KeyPacing.INTERVAL_NANOS,
                    "event " + i + " left " + (vm.times.get(i) - vm.times.get(i - 1)) + " ns after the one before: " + vm.console.wire);
        }
        assertEquals((vm.times.size() - 1) * KeyPacing.INTERVAL_NANOS, vm.times.getLast() - vm.times.getFirst(),
                "and no later than that");
    }

    @Test
    void aPersonTypingTenCharactersASecondIsNeverBehind() throws IOException {
        Timed vm = new Timed();
        Clock clock = vm.clock;
        String text = "Atelier é è à ç ù € @ # { } | \\ ~";
        long start = clock.now;
        List<Long> typedAt = new ArrayList<>();
        for (int c : text.codePoints().toArray()) {
            clock.now = Math.max(clock.now, start + typedAt.size() * 100_000_000L); // 100 ms a character
            typedAt.add(clock.now);
            int before = vm.times.size();
            type(vm.translator, c);
            assertEquals(typedAt.getLast(), vm.times.get(before), "the character's first key leaves when it is typed");
        }
        assertEquals(text, vm.console.text.toString());
    }
}
