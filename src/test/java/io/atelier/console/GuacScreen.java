package io.atelier.console;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.io.ReaderGuacamoleReader;
import org.apache.guacamole.protocol.GuacamoleInstruction;

/**
 * What a Guacamole client would draw on its default layer: follows {@code size},
 * {@code img}/{@code blob}/{@code end} (PNG) on layer 0, and collects the {@code sync}
 * timestamps the client must answer. Enough of guacamole-common-js's display to check a
 * screen in a test.
 */
final class GuacScreen {

    private record Image(int layer, int x, int y, ByteArrayOutputStream data) {
    }

    private final Map<String, Image> streams = new HashMap<>();
    private BufferedImage screen;
    private int frames;
    private final List<String> errors = new ArrayList<>();

    /** Applies the instructions of one WebSocket message; answers the syncs to acknowledge. */
    List<String> apply(String message) throws GuacamoleException, IOException {
        List<String> syncs = new ArrayList<>();
        ReaderGuacamoleReader reader = new ReaderGuacamoleReader(new StringReader(message));
        GuacamoleInstruction i;
        while ((i = reader.readInstruction()) != null) {
            List<String> a = i.getArgs();
            switch (i.getOpcode()) {
                case "size" -> {
                    if (a.get(0).equals("0")) {
                        BufferedImage resized = new BufferedImage(Integer.parseInt(a.get(1)), Integer.parseInt(a.get(2)),
                                BufferedImage.TYPE_INT_RGB);
                        if (screen != null) resized.getGraphics().drawImage(screen, 0, 0, null);
                        screen = resized;
                    }
                }
                case "img" -> streams.put(a.get(0), new Image(Integer.parseInt(a.get(2)), Integer.parseInt(a.get(4)),
                        Integer.parseInt(a.get(5)), new ByteArrayOutputStream()));
                case "blob" -> {
                    Image image = streams.get(a.get(0));
                    if (image != null) image.data().writeBytes(Base64.getDecoder().decode(a.get(1)));
                }
                case "end" -> {
                    Image image = streams.remove(a.get(0));
                    if (image != null && image.layer() == 0 && screen != null) {
                        BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.data().toByteArray()));
                        screen.getGraphics().drawImage(png, image.x(), image.y(), null);
                        frames++;
                    }
                }
                case "sync" -> syncs.add(a.get(0));
                case "error" -> errors.add(a.get(0) + " (" + a.get(1) + ")");
                default -> {
                }
            }
        }
        return syncs;
    }

    /** How many distinct colours the screen shows (0 before the first image). */
    int colours() {
        if (screen == null || frames == 0) return 0;
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < screen.getHeight(); y += 2) {
            for (int x = 0; x < screen.getWidth(); x += 2) {
                seen.add(screen.getRGB(x, y));
                if (seen.size() > 16) return seen.size();
            }
        }
        return seen.size();
    }

    int frames() {
        return frames;
    }

    List<String> errors() {
        return errors;
    }

    BufferedImage image() {
        return screen;
    }
}
