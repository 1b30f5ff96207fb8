package io.atelier.console.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The key translation against a model of the VM's console keyboard (the layout's table, modifiers,
 * dead keys): whatever sequence of keysyms a browser sends for a character — the keysym alone, the
 * AZERTY user's AltGr or Shift before it, Windows' Ctrl+Alt for AltGr, a QWERTY user's Shift — the
 * console receives keys that type that character, once. The real console is tried by
 * {@code ConsoleRealTest}.
 */
class KeyTranslatorTest {

    private static final int SHIFT_L = 0xffe1;
    private static final int CONTROL_L = 0xffe3;
    private static final int ALT_L = 0xffe9;
    private static final int ALT_R = 0xffea;
    private static final int ALTGR = 0xfe03;
    private static final int RETURN = 0xff0d;
    private static final int CAPS_LOCK = 0xffe5;

    /** The brief's characters, every printable ASCII character, and accented letters typed with dead keys. */
    private static final String FRENCH = "é è à ç ù € @ # { } | \\ ~ ê â î ô û ë ï ü ÿ Ê Ï Ÿ É È À Ç Ù";

    private static String ascii() {
        StringBuilder all = new StringBuilder();
        for (char c = 0x20; c < 0x7f; c++) {
            all.append(c);
        }
        return all.toString();
    }

    /** The VM's console as a model: which key at which level types what, with Ctrl/Alt shown as {@code <C-M-x>}. */
    static final class Console implements KeyTranslator.Keys {
        private static final Set<Integer> MODIFIERS = Set.of(KeyTranslator.SHIFT_L, KeyTranslator.SHIFT_R,
                KeyTranslator.CTRL_L, KeyTranslator.CTRL_R, KeyTranslator.ALT, KeyTranslator.ALTGR,
                KeyTranslator.SUPER_L, KeyTranslator.SUPER_R);
        final boolean scancodes;
        final List<String> wire = new ArrayList<>();
        final Set<Integer> down = new TreeSet<>();
        final StringBuilder text = new StringBuilder();
        private final Map<String, Integer> characters = new HashMap<>();
        private final Map<String, Integer> accents = new HashMap<>();
        private Integer accent;
        private boolean capsLock;

        Console(boolean scancodes) {
            this.scancodes = scancodes;
            KeyboardLayout layout = KeyboardLayout.FR;
            for (int c : layout.directCharacters()) {
                for (int level = 0; level < 4; level++) {
                    KeyboardLayout.Stroke s = layout.strokes(c, (level & 1) != 0, (level & 2) != 0).get(0);
                    characters.put(key(s.scancode(), s.shift(), s.altGr(), s.capsLock()), c);
                }
            }
            layout.deadKeys().forEach((accent, s) -> accents.put(key(s.scancode(), s.shift(), s.altGr(), false), accent));
        }

        private static String key(int scancode, boolean shift, boolean altGr, boolean capsLock) {
            return scancode + (shift ? "S" : "") + (altGr ? "G" : "") + (capsLock ? "L" : "");
        }

        @Override
        public boolean scancodes() {
            return scancodes;
        }

        @Override
        public void keysym(int keysym, boolean pressed) {
            wire.add(String.format("sym %x %s", keysym, pressed ? "down" : "up"));
            if (pressed) {
                text.append(String.format("{%x}", keysym));
            }
        }

        @Override
        public void scancode(int keysym, int scancode, boolean pressed) {
            wire.add(String.format("key %x %s", scancode, pressed ? "down" : "up"));
            if (!pressed) {
                assertTrue(down.remove(scancode), "released key " + Integer.toHexString(scancode) + " was not down: " + wire);
                return;
            }
            assertTrue(down.add(scancode), "key " + Integer.toHexString(scancode) + " pressed twice: " + wire);
            if (scancode == KeyTranslator.CAPS_LOCK) {
                capsLock = !capsLock;
                return;
            }
            if (MODIFIERS.contains(scancode)) {
                return;
            }
            boolean shift = down.contains(KeyTranslator.SHIFT_L) || down.contains(KeyTranslator.SHIFT_R);
            boolean altGr = down.contains(KeyTranslator.ALTGR);
            boolean ctrl = down.contains(KeyTranslator.CTRL_L) || down.contains(KeyTranslator.CTRL_R);
            boolean alt = down.contains(KeyTranslator.ALT);
            String k = key(scancode, shift, altGr, capsLock);
            if (accents.containsKey(k) && !ctrl && !alt) {
                accent = accents.get(k);
                return;
            }
            Integer c = characters.get(k);
            String typed = c == null ? "?" : Character.toString(c);
            if (accent != null) {
                typed = Normalizer.normalize(typed + Character.toString(accent), Normalizer.Form.NFC);
                accent = null;
            }
            text.append(ctrl || alt ? "<" + (ctrl ? "C-" : "") + (alt ? "M-" : "") + typed + ">" : typed);
        }
    }

    private static int keysym(int c) {
        return c <= 0xff ? c : 0x01000000 | c; // as guacamole-common-js sends characters
    }

    private static void press(KeyTranslator t, int... keysyms) throws IOException {
        for (int k : keysyms) {
            t.key(k, true);
        }
        for (int i = keysyms.length - 1; i >= 0; i--) {
            t.key(keysyms[i], false);
        }
    }

    /** How an AZERTY keyboard types {@code c}: its modifiers held around its key; composed letters come whole. */
    private static int[] azerty(int c, int... altGrKeys) {
        List<KeyboardLayout.Stroke> strokes = KeyboardLayout.FR.strokes(c, false, false);
        List<Integer> keys = new ArrayList<>();
        if (strokes.size() == 1) {
            if (strokes.get(0).altGr()) {
                for (int k : altGrKeys) keys.add(k);
            }
            if (strokes.get(0).shift()) keys.add(SHIFT_L);
        }
        keys.add(keysym(c));
        return keys.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String typed(String text, java.util.function.IntFunction<int[]> sequence) throws IOException {
        Console console = new Console(true);
        KeyTranslator t = new KeyTranslator(KeyboardLayout.FR, console);
        for (int c : text.codePoints().toArray()) {
            press(t, sequence.apply(c));
        }
        assertEquals(Set.of(), console.down, "no key left down: " + console.wire);
        assertFalse(console.capsLock, "Caps Lock left on");
        return console.text.toString();
    }

    @Test
    void aKeysymAloneTypesItsCharacter() throws IOException {
        String text = FRENCH + " " + ascii();
        assertEquals(text, typed(text, c -> new int[] {keysym(c)}));
    }

    @Test
    void theAzertyUsersAltGrAndShiftBeforeTheKeysymTypeItOnce() throws IOException {
        String text = FRENCH + " " + ascii();
        assertEquals(text, typed(text, c -> azerty(c, ALTGR)), "ISO_Level3_Shift (Linux, macOS)");
        assertEquals(text, typed(text, c -> azerty(c, CONTROL_L, ALT_R)), "Ctrl+Alt (Windows)");
    }

    @Test
    void aQwertyUsersShiftDoesNotChangeTheCharacter() throws IOException {
        String shifted = "~!@#$%^&*()_+{}|:\"<>?ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        String text = ascii();
        assertEquals(text, typed(text, c -> shifted.indexOf(c) >= 0 ? new int[] {SHIFT_L, c} : new int[] {c}));
    }

    @Test
    void everyCharacterOfTheLayoutIsTyped() throws IOException {
        String all = KeyboardLayout.FR.directCharacters().stream().sorted()
                .map(Character::toString).collect(Collectors.joining());
        assertEquals(all, typed(all, c -> new int[] {keysym(c)}));
        assertTrue(all.length() > 150, all);
    }

    @Test
    void theWireForAnAtSignAloneAndAfterAltGr() throws IOException {
        Console console = new Console(true);
        KeyTranslator t = new KeyTranslator(KeyboardLayout.FR, console);
        press(t, '@');
        assertEquals(List.of("key b8 down", "key b down", "key b up", "key b8 up"), console.wire);
        console.wire.clear();
        press(t, ALTGR, '@');
        assertEquals(List.of("key b8 down", "key b down", "key b up", "key b8 up"), console.wire);
        console.wire.clear();
        press(t, 0x20ac); // the legacy EuroSign keysym
        assertEquals("@@€", console.text.toString());
    }

    @Test
    void shortcutsKeepCtrlAndAlt() throws IOException {
        Console console = new Console(true);
        KeyTranslator t = new KeyTranslator(KeyboardLayout.FR, console);
        press(t, CONTROL_L, 'c');
        press(t, ALT_L, 'b');
        press(t, CONTROL_L, ALT_L, 'a'); // a letter: Ctrl+Alt stay (they are not AltGr there)
        press(t, CONTROL_L, SHIFT_L, 'C');
        assertEquals("<C-c><M-b><C-M-a><C-C>", console.text.toString());
    }

    @Test
    void otherKeysPassAsKeysymsAndCapsLockIsTheBrowsers() throws IOException {
        Console console = new Console(true);
        KeyTranslator t = new KeyTranslator(KeyboardLayout.FR, console);
        press(t, RETURN);
        press(t, CAPS_LOCK);
        press(t, 'A'); // what the browser sends with Caps Lock on
        assertEquals(List.of("sym ff0d down", "sym ff0d up", "key 2a down", "key 10 down", "key 10 up", "key 2a up"),
                console.wire);
        assertEquals("{ff0d}A", console.text.toString());
    }

    @Test
    void aCharacterTheLayoutCannotTypeIsDropped() throws IOException {
        Console console = new Console(true);
        KeyTranslator t = new KeyTranslator(KeyboardLayout.FR, console);
        press(t, keysym('ñ'), keysym('中'));
        assertEquals(List.of(), console.wire);
    }

    @Test
    void withoutExtendedKeyEventsKeysymsPassUnchanged() throws IOException {
        Console console = new Console(false);
        KeyTranslator t = new KeyTranslator(KeyboardLayout.FR, console);
        press(t, ALTGR, '@');
        press(t, CAPS_LOCK);
        assertEquals(List.of("sym fe03 down", "sym 40 down", "sym 40 up", "sym fe03 up", "sym ffe5 down", "sym ffe5 up"),
                console.wire);
    }
}
