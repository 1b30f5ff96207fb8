package io.atelier.console.gateway;

import java.nio.charset.Charset;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keyboard layout of the lab VMs' console, as the gateway types for it: which key (XT scancode)
 * and which of Shift, AltGr and Caps Lock produce each character, and which dead keys compose accented
 * letters. {@link #FR} is xkeyboard-config's {@code fr} (AZERTY) as console-setup's {@code ckbcomp}
 * compiles it for the Linux console, which is the keymap the {@code debian-base} image loads at boot:
 * levels 1 to 4 of every key that types a character, the capitals of é è ç à ù (Caps Lock on the key:
 * Shift gives the digit), and the compositions of its dead keys that the console's compose table holds
 * (console-setup's ISO-8859-15 table: the Latin-9 letters).
 */
final class KeyboardLayout {

    /**
     * One key press: the key's XT scancode (0xe0-prefixed keys as 0x80 | code), the modifiers it needs
     * (Caps Lock: toggled on around the key), and the X11 keysym of what it types (a character's
     * Latin-1 or Unicode keysym, or a dead keysym).
     */
    record Stroke(int scancode, boolean shift, boolean altGr, boolean capsLock, int keysym) {
        int cost() {
            return (shift ? 1 : 0) + (altGr ? 2 : 0) + (capsLock ? 4 : 0);
        }
    }

    /**
     * One row per key: its scancode (hex), then what levels 1 to 4 (plain, Shift, AltGr, Shift+AltGr)
     * type: a character, {@code dead_<accent>} for a dead key, {@code space}, or {@code none}.
     */
    private static final String FR_KEYS = """
            02 & 1 ¹ ¡
            03 é 2 ~ ⅛
            04 " 3 # £
            05 ' 4 { $
            06 ( 5 [ ⅜
            07 - 6 | ⅝
            08 è 7 ` ⅞
            09 _ 8 \\ ™
            0a ç 9 ^ ±
            0b à 0 @ °
            0c ) ° ] ¿
            0d = + } none
            10 a A æ Æ
            11 z Z « <
            12 e E € ¢
            13 r R ¶ ®
            14 t T ŧ Ŧ
            15 y Y ← ¥
            16 u U ↓ ↑
            17 i I → ı
            18 o O ø Ø
            19 p P þ Þ
            1a dead_circumflex dead_diaeresis dead_diaeresis none
            1b $ £ ¤ none
            1e q Q @ Ω
            1f s S ß ẞ
            20 d D ð Ð
            21 f F đ ª
            22 g G ŋ Ŋ
            23 h H ħ Ħ
            24 j J none none
            25 k K ĸ &
            26 l L ł Ł
            27 m M µ º
            28 ù % dead_circumflex none
            29 ² ~ ¬ ¬
            2b * µ dead_grave none
            2c w W ł Ł
            2d x X » >
            2e c C ¢ ©
            2f v V „ ‚
            30 b B “ ‘
            31 n N ” ’
            32 , ? dead_acute none
            33 ; . • ×
            34 : / · ÷
            35 ! § none none
            39 space space space space
            56 < > | ¦
            """;

    /** The capitals typed with Caps Lock on, by scancode (on these keys Shift gives the digits). */
    private static final String FR_CAPS = """
            03 É
            08 È
            0a Ç
            0b À
            28 Ù
            """;

    /** A dead key: the combining accent it adds and its keysym. */
    private record Dead(int accent, int keysym) {
    }

    private static final Map<String, Dead> DEAD_KEYS = Map.of(
            "dead_grave", new Dead(0x300, 0xfe50), "dead_acute", new Dead(0x301, 0xfe51),
            "dead_circumflex", new Dead(0x302, 0xfe52), "dead_diaeresis", new Dead(0x308, 0xfe57));

    static final KeyboardLayout FR = new KeyboardLayout(FR_KEYS, FR_CAPS, Charset.forName("ISO-8859-15"));

    /** Per character, every stroke typing it, fewest modifiers first. */
    private final Map<Integer, List<Stroke>> characters = new HashMap<>();
    /** Per combining accent, the dead key adding it. */
    private final Map<Integer, Stroke> deadKeys = new HashMap<>();
    private final Charset composed;

    private KeyboardLayout(String keys, String caps, Charset composed) {
        this.composed = composed;
        for (String row : keys.strip().split("\n")) {
            String[] cells = row.strip().split(" +");
            if (cells.length != 5) {
                throw new IllegalArgumentException("layout row needs a scancode and 4 levels: " + row);
            }
            int scancode = Integer.parseInt(cells[0], 16);
            for (int level = 0; level < 4; level++) {
                boolean shift = (level & 1) != 0;
                boolean altGr = (level & 2) != 0;
                String cell = cells[level + 1];
                if (cell.equals("none")) {
                    continue;
                }
                if (cell.startsWith("dead_")) {
                    Dead dead = DEAD_KEYS.get(cell);
                    if (dead == null) {
                        throw new IllegalArgumentException("unknown dead key " + cell);
                    }
                    deadKeys.putIfAbsent(dead.accent(), new Stroke(scancode, shift, altGr, false, dead.keysym()));
                    continue;
                }
                int codePoint = cell.equals("space") ? ' ' : cell.codePointAt(0);
                if (cell.codePointCount(0, cell.length()) != 1 && !cell.equals("space")) {
                    throw new IllegalArgumentException("one character per level: " + row);
                }
                characters.computeIfAbsent(codePoint, c -> new ArrayList<>())
                        .add(new Stroke(scancode, shift, altGr, false, keysym(codePoint)));
            }
        }
        for (String row : caps.strip().split("\n")) {
            String[] cells = row.strip().split(" +");
            int codePoint = cells[1].codePointAt(0);
            characters.computeIfAbsent(codePoint, c -> new ArrayList<>())
                    .add(new Stroke(Integer.parseInt(cells[0], 16), false, false, true, keysym(codePoint)));
        }
        // fewest modifiers first (Shift, then AltGr, then Caps Lock), then the row order
        characters.values().forEach(strokes -> strokes.sort(Comparator.comparingInt(Stroke::cost)));
    }

    private static int keysym(int codePoint) {
        return codePoint <= 0xff ? codePoint : 0x01000000 | codePoint;
    }

    /**
     * The strokes typing {@code codePoint}: one key, or a dead key then a letter; empty when the
     * console cannot type it. Among keys typing the same character, one needing exactly the given
     * modifiers is preferred, so that a user already holding them types it as they would.
     */
    List<Stroke> strokes(int codePoint, boolean shift, boolean altGr) {
        List<Stroke> direct = characters.get(codePoint);
        if (direct != null) {
            for (Stroke stroke : direct) {
                if (stroke.shift() == shift && stroke.altGr() == altGr && !stroke.capsLock()) {
                    return List.of(stroke);
                }
            }
            return List.of(direct.get(0));
        }
        if (codePoint > 0xffff || !composed.newEncoder().canEncode((char) codePoint)) {
            return List.of();
        }
        String parts = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFD);
        if (parts.length() != 2) {
            return List.of();
        }
        Stroke dead = deadKeys.get((int) parts.charAt(1));
        List<Stroke> base = characters.get((int) parts.charAt(0));
        if (dead == null || base == null) {
            return List.of();
        }
        return List.of(dead, base.get(0));
    }

    /** The characters typed by one key press each, in no particular order. */
    List<Integer> directCharacters() {
        return new ArrayList<>(characters.keySet());
    }

    /** The dead keys, by the combining accent they add. */
    Map<Integer, Stroke> deadKeys() {
        return Map.copyOf(deadKeys);
    }
}
