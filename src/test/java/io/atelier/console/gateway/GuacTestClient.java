package io.atelier.console.gateway;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.net.InetGuacamoleSocket;
import org.apache.guacamole.protocol.ConfiguredGuacamoleSocket;
import org.apache.guacamole.protocol.GuacamoleClientInformation;
import org.apache.guacamole.protocol.GuacamoleConfiguration;
import org.apache.guacamole.protocol.GuacamoleInstruction;

/**
 * The platform's side of a gateway connection in tests: guacamole-common's ConfiguredGuacamoleSocket
 * over an InetGuacamoleSocket, plus the minimum a guacamole-common-js client would do with what
 * arrives: answer {@code sync}, decode {@code img} PNG streams into layer 0, collect clipboard text.
 */
final class GuacTestClient implements AutoCloseable {

    final ConfiguredGuacamoleSocket socket;
    boolean answerSyncs = true;
    BufferedImage screen = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    int imagesDrawn;
    long lastSync = -1;
    final List<GuacamoleInstruction> received = new ArrayList<>();
    final List<String> clipboard = new ArrayList<>();
    private final Map<String, ByteArrayOutputStream> streams = new HashMap<>();
    private final Map<String, GuacamoleInstruction> openings = new HashMap<>();

    private GuacTestClient(ConfiguredGuacamoleSocket socket) {
        this.socket = socket;
    }

    static GuacTestClient connect(int gatewayPort, Map<String, String> parameters) throws GuacamoleException {
        GuacamoleConfiguration config = new GuacamoleConfiguration();
        config.setProtocol("vnc");
        parameters.forEach(config::setParameter);
        GuacamoleClientInformation info = new GuacamoleClientInformation();
        info.setTimezone("Europe/Paris");
        info.setName("test-user");
        info.getImageMimetypes().add("image/png");
        return new GuacTestClient(new ConfiguredGuacamoleSocket(
                new InetGuacamoleSocket("127.0.0.1", gatewayPort), config, info));
    }

    void send(String opcode, String... args) throws GuacamoleException {
        socket.getWriter().writeInstruction(new GuacamoleInstruction(opcode, args));
    }

    /** Reads and handles the next instruction; null at end of stream. */
    GuacamoleInstruction next() throws GuacamoleException {
        GuacamoleInstruction instruction = socket.getReader().readInstruction();
        if (instruction == null) {
            return null;
        }
        received.add(instruction);
        List<String> args = instruction.getArgs();
        switch (instruction.getOpcode()) {
            case "size" -> {
                if (args.get(0).equals("0")) {
                    BufferedImage resized = new BufferedImage(Integer.parseInt(args.get(1)),
                            Integer.parseInt(args.get(2)), BufferedImage.TYPE_INT_RGB);
                    resized.getGraphics().drawImage(screen, 0, 0, null);
                    screen = resized;
                }
            }
            case "img", "clipboard" -> {
                streams.put(args.get(0), new ByteArrayOutputStream());
                openings.put(args.get(0), instruction);
            }
            case "blob" -> {
                ByteArrayOutputStream data = streams.get(args.get(0));
                if (data != null) {
                    data.writeBytes(Base64.getDecoder().decode(args.get(1)));
                }
            }
            case "end" -> {
                GuacamoleInstruction opening = openings.remove(args.get(0));
                byte[] data = streams.remove(args.get(0)).toByteArray();
                if (opening.getOpcode().equals("clipboard")) {
                    clipboard.add(new String(data, StandardCharsets.UTF_8));
                } else if (opening.getArgs().get(2).equals("0")) {
                    draw(data, Integer.parseInt(opening.getArgs().get(4)), Integer.parseInt(opening.getArgs().get(5)));
                }
            }
            case "sync" -> {
                lastSync = Long.parseLong(args.get(0));
                if (answerSyncs) {
                    send("sync", args.get(0));
                }
            }
            default -> {
            }
        }
        return instruction;
    }

    private void draw(byte[] png, int x, int y) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new AssertionError("img stream is not a PNG");
            }
            screen.getGraphics().drawImage(image, x, y, null);
            imagesDrawn++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until an instruction matches; fails at end of stream or after the timeout. */
    GuacamoleInstruction await(Predicate<GuacamoleInstruction> condition, Duration timeout) throws GuacamoleException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            GuacamoleInstruction instruction = next();
            if (instruction == null) {
                throw new AssertionError("gateway closed the connection; received " + opcodes());
            }
            if (condition.test(instruction)) {
                return instruction;
            }
        }
        throw new AssertionError("condition not met within " + timeout + "; received " + opcodes());
    }

    GuacamoleInstruction awaitOpcode(String opcode, Duration timeout) throws GuacamoleException {
        return await(i -> i.getOpcode().equals(opcode), timeout);
    }

    /** Distinct colours on the screen (layer 0) so far. */
    int distinctColours() {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < screen.getHeight(); y++) {
            for (int x = 0; x < screen.getWidth(); x++) {
                colours.add(screen.getRGB(x, y));
                if (colours.size() > 1) {
                    return colours.size();
                }
            }
        }
        return colours.size();
    }

    List<String> opcodes() {
        List<String> opcodes = new ArrayList<>();
        for (GuacamoleInstruction i : received) {
            opcodes.add(i.getOpcode());
        }
        return opcodes.size() > 40 ? opcodes.subList(opcodes.size() - 40, opcodes.size()) : opcodes;
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (GuacamoleException ignored) {
            // closing
        }
    }
}
