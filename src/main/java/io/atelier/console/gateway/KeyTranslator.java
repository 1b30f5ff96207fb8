package io.atelier.console.gateway;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Types on the VM what the user typed in the browser, whatever the two keyboard layouts. The browser
 * (guacamole-common-js) sends X11 keysyms: the characters the user's own layout produced ({@code @},
 * {@code é}, {@code €} as Latin-1 or Unicode keysyms) and the keys that are not characters (Return,
 * arrows, modifiers). QEMU's VNC server, left to itself, maps a keysym to a key with its en-us table
 * and cannot type {@code é} or {@code €} at all. So, when the VNC server takes QEMU extended key events
 * (RFB pseudo-encoding -258, which carry the scancode to press), each character is typed for the
 * guest's own layout ({@link KeyboardLayout#FR}, the console keymap of the images):
 * <ul>
 * <li>a character is typed whole when its key goes down (its release is ignored, the browser's own
 * key repeat sends it again): the guest's Shift and AltGr are set to what its key needs on the guest's
 * layout, the key is pressed and released, then the guest's modifiers are put back to what the user
 * holds. É È Ç À Ù are typed with Caps Lock toggled on around their key; a letter only reachable
 * through a dead key (ê, ï…) as the dead key then the letter; a character the guest's layout cannot
 * type is dropped;</li>
 * <li>Ctrl and Alt held together are AltGr as Windows reports it: they are lifted while a character
 * other than a letter is typed (as guacamole-common-js does itself), and Ctrl or Alt alone stay down,
 * so shortcuts (Ctrl+C, Alt+B) keep working;</li>
 * <li>modifiers held by the user are tracked: Shift, Ctrl and Alt (left or right, Alt_R being Alt) and Super
 * pass as those keys, ISO_Level3_Shift and Mode_switch as AltGr; Caps Lock is not passed on, since the
 * browser already applied it to the characters it sends;</li>
 * <li>other keys (Return, Tab, arrows, function and keypad keys) do not depend on the layout: they pass
 * as keysyms, which QEMU maps itself.</li>
 * </ul>
 * Without extended key events (another VNC server) every keysym passes unchanged, as before.
 * Not thread-safe: the connection's client thread calls it. QEMU lifts the keys a client left down
 * when it disconnects.
 */
final class KeyTranslator {

    private static final Logger LOG = Logger.getLogger(KeyTranslator.class);

    /** Where the keys go: the VNC connection. */
    interface Keys {
        /** The VNC server takes QEMU extended key events. */
        boolean scancodes();

        /** An RFB KeyEvent. */
        void keysym(int keysym, boolean down) throws IOException;

        /** A QEMU extended key event: the key with this XT scancode, {@code keysym} being what it types. */
        void scancode(int keysym, int scancode, boolean down) throws IOException;
    }

    static final int SHIFT_L = 0x2a;
    static final int SHIFT_R = 0x36;
    static final int CTRL_L = 0x1d;
    static final int CTRL_R = 0x9d;
    static final int ALT = 0x38;
    static final int ALTGR = 0xb8;
    static final int SUPER_L = 0xdb;
    static final int SUPER_R = 0xdc;
    static final int CAPS_LOCK = 0x3a;
    private static final int CAPS_LOCK_KEYSYM = 0xffe5;

    /** Modifier keysyms and the guest key each holds down. */
    private static final Map<Integer, Integer> MODIFIERS = Map.ofEntries(
            Map.entry(0xffe1, SHIFT_L), // Shift_L
            Map.entry(0xffe2, SHIFT_R), // Shift_R
            Map.entry(0xffe3, CTRL_L), // Control_L
            Map.entry(0xffe4, CTRL_R), // Control_R
            Map.entry(0xffe9, ALT), // Alt_L
            Map.entry(0xffea, ALT), // Alt_R: Alt on the user's keyboard (AltGr is ISO_Level3_Shift)
            Map.entry(0xfe03, ALTGR), // ISO_Level3_Shift (AltGr)
            Map.entry(0xff7e, ALTGR), // Mode_switch
            Map.entry(0xffe7, SUPER_L), // Meta_L
            Map.entry(0xffe8, SUPER_R), // Meta_R
            Map.entry(0xffeb, SUPER_L), // Super_L
            Map.entry(0xffec, SUPER_R)); // Super_R
    private static final Set<Integer> LOCKS = Set.of(CAPS_LOCK_KEYSYM, 0xffe6); // Caps_Lock, Shift_Lock
    private static final int EURO_SIGN = 0x20ac;
    /** The keysym sent with each guest modifier key (QEMU reads an extended event's keysym only to sync Caps and Num Lock). */
    private static final Map<Integer, Integer> MODIFIER_KEYSYMS = Map.of(SHIFT_L, 0xffe1, SHIFT_R, 0xffe2,
            CTRL_L, 0xffe3, CTRL_R, 0xffe4, ALT, 0xffe9, ALTGR, 0xfe03, SUPER_L, 0xffeb, SUPER_R, 0xffec);

    private final KeyboardLayout layout;
    private final Keys keys;
    /** Modifier keysyms the user holds, and the guest key each stands for. */
    private final Map<Integer, Integer> held = new HashMap<>();
    /** Modifier keys down on the guest. */
    private final Set<Integer> down = new TreeSet<>();

    KeyTranslator(KeyboardLayout layout, Keys keys) {
        this.layout = layout;
        this.keys = keys;
    }

    /** One {@code key} instruction of the client. */
    void key(int keysym, boolean pressed) throws IOException {
        Integer modifier = MODIFIERS.get(keysym);
        if (modifier != null) {
            if (pressed) {
                held.put(keysym, modifier);
            } else {
                held.remove(keysym);
            }
        }
        if (!keys.scancodes()) {
            keys.keysym(keysym, pressed);
            down.clear();
            down.addAll(held.values()); // what the guest now holds, should extended events start later
            return;
        }
        if (modifier != null) {
            setModifiers(heldKeys());
            return;
        }
        if (LOCKS.contains(keysym)) {
            return;
        }
        int codePoint = codePoint(keysym);
        if (codePoint < 0) {
            keys.keysym(keysym, pressed);
            return;
        }
        if (pressed) {
            type(codePoint);
        }
    }

    private void type(int codePoint) throws IOException {
        Set<Integer> base = heldKeys();
        boolean letter = codePoint < 0x80 && Character.isLetter(codePoint);
        if (!letter && base.contains(ALT) && (base.contains(CTRL_L) || base.contains(CTRL_R))) {
            base.remove(ALT);
            base.remove(CTRL_L);
            base.remove(CTRL_R);
        }
        boolean shift = base.contains(SHIFT_L) || base.contains(SHIFT_R);
        List<KeyboardLayout.Stroke> strokes = layout.strokes(codePoint, shift, base.contains(ALTGR));
        if (strokes.isEmpty()) {
            LOG.debugf("The VM's keyboard layout cannot type U+%04X: dropped", codePoint);
            return;
        }
        for (KeyboardLayout.Stroke stroke : strokes) {
            Set<Integer> wanted = new TreeSet<>(base);
            if (!stroke.shift()) {
                wanted.remove(SHIFT_L);
                wanted.remove(SHIFT_R);
            } else if (!shift) {
                wanted.add(SHIFT_L);
            }
            if (stroke.altGr()) {
                wanted.add(ALTGR);
            } else {
                wanted.remove(ALTGR);
            }
            setModifiers(wanted);
            if (stroke.capsLock()) {
                tap(CAPS_LOCK_KEYSYM, CAPS_LOCK);
            }
            tap(stroke.keysym(), stroke.scancode());
            if (stroke.capsLock()) {
                tap(CAPS_LOCK_KEYSYM, CAPS_LOCK);
            }
        }
        setModifiers(heldKeys());
    }

    private void tap(int keysym, int scancode) throws IOException {
        keys.scancode(keysym, scancode, true);
        keys.scancode(keysym, scancode, false);
    }

    /** Releases, then presses, guest modifier keys until exactly {@code wanted} are down. */
    private void setModifiers(Set<Integer> wanted) throws IOException {
        for (int key : Set.copyOf(down)) {
            if (!wanted.contains(key)) {
                keys.scancode(MODIFIER_KEYSYMS.get(key), key, false);
                down.remove(key);
            }
        }
        for (int key : wanted) {
            if (down.add(key)) {
                keys.scancode(MODIFIER_KEYSYMS.get(key), key, true);
            }
        }
    }

    private Set<Integer> heldKeys() {
        return new TreeSet<>(held.values());
    }

    /**
     * The character a keysym types, or -1 for the keys that are not characters: Latin-1 keysyms are
     * their code point, Unicode keysyms 0x01000000 plus it (what guacamole-common-js sends beyond
     * Latin-1), and EuroSign is the one legacy keysym a character is commonly sent as.
     */
    static int codePoint(int keysym) {
        if (keysym >= 0x20 && keysym <= 0x7e || keysym >= 0xa0 && keysym <= 0xff) {
            return keysym;
        }
        if (keysym == EURO_SIGN) {
            return 0x20ac;
        }
        if ((keysym & 0xff000000) == 0x01000000) {
            int codePoint = keysym & 0xffffff;
            return (codePoint >= 0x20 && codePoint <= 0x7e || codePoint >= 0xa0) && Character.isValidCodePoint(codePoint)
                    ? codePoint : -1;
        }
        return -1;
    }
}
