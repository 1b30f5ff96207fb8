package io.atelier.console.gateway;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.guacamole.protocol.GuacamoleStatus;

/**
 * The server side of the Guacamole handshake, as guacd 1.5+ performs it:
 * <ol>
 * <li>the client sends {@code select,<protocol>}: only {@code vnc} is served; an id starting with
 * {@code $} (joining a connection) is RESOURCE_NOT_FOUND, another protocol UNSUPPORTED;</li>
 * <li>the gateway answers {@code args,VERSION_1_5_0,<the names of guacd's VNC parameters>};</li>
 * <li>the client sends {@code size}, {@code audio}, {@code video}, {@code image} and, from protocol 1.1
 * and 1.3 on, {@code timezone} and {@code name}, in any order, then {@code connect,<version>,<one value
 * per parameter, in the order of args>}.</li>
 * </ol>
 * Any other opcode is a CLIENT_BAD_REQUEST. The gateway then connects to the VNC server and sends
 * {@code ready,$<id>} (see {@link GatewayConnection}).
 */
public final class Handshake {

    /** The protocol version advertised as the first element of {@code args}. */
    public static final String VERSION = "VERSION_1_5_0";

    /**
     * guacd's names of the VNC parameters (src/protocols/vnc/settings.c); those the gateway does not
     * implement are accepted and ignored. Kept under the 64 elements guacamole-common's parser allows.
     */
    public static final List<String> VNC_ARGS = List.of(
            "hostname", "port", "read-only", "encodings", "username", "password", "swap-red-blue",
            "color-depth", "cursor", "autoretry", "clipboard-encoding", "dest-host", "dest-port",
            "recording-path", "recording-name", "recording-exclude-output", "recording-exclude-mouse",
            "recording-include-keys", "create-recording-path", "disable-copy", "disable-paste",
            "wol-send-packet", "wol-mac-addr", "wol-broadcast-addr", "wol-udp-port", "wol-wait-time",
            "force-lossless", "compress-level", "quality-level");

    /** What the handshake established. */
    public record Result(Map<String, String> parameters, int width, int height, int dpi, String clientName) {

        public String parameter(String name) {
            return parameters.getOrDefault(name, "");
        }

        public boolean flag(String name) {
            return "true".equalsIgnoreCase(parameter(name).trim());
        }

        public String hostname() {
            return parameter("hostname").trim();
        }

        /** The VNC port: the {@code port} parameter, 5900 if empty. */
        public int port() throws GatewayException {
            String port = parameter("port").trim();
            if (port.isEmpty()) {
                return 5900;
            }
            try {
                int value = Integer.parseInt(port);
                if (value >= 1 && value <= 65535) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new GatewayException(GuacamoleStatus.CLIENT_BAD_REQUEST, "invalid VNC port \"" + port + "\"");
        }
    }

    private final InstructionReader reader;
    private final InstructionWriter writer;

    public Handshake(InstructionReader reader, InstructionWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    /**
     * Runs the handshake up to and including {@code connect}.
     *
     * @throws ProtocolException if the client breaks the protocol
     * @throws GatewayException  if the client asks for something the gateway does not serve
     * @throws IOException       if the connection fails
     */
    public Result perform() throws IOException, GatewayException {
        Instruction select = expect();
        if (!select.opcode().equals("select")) {
            throw new ProtocolException("expected \"select\" but received \"" + select.opcode() + "\"");
        }
        String protocol = select.arg(0);
        if (protocol.startsWith("$")) {
            throw new GatewayException(GuacamoleStatus.RESOURCE_NOT_FOUND,
                    "joining an existing connection is not supported");
        }
        if (!protocol.equals("vnc")) {
            throw new GatewayException(GuacamoleStatus.UNSUPPORTED, "unsupported protocol");
        }
        Instruction args = new Instruction("args", concat(VERSION, VNC_ARGS));
        writer.send(args);

        int width = 1024;
        int height = 768;
        int dpi = 96;
        String name = "";
        while (true) {
            Instruction instruction = expect();
            switch (instruction.opcode()) {
                case "size" -> {
                    width = instruction.intArg(0);
                    height = instruction.intArg(1);
                    dpi = instruction.args().size() > 2 ? instruction.intArg(2) : dpi;
                }
                case "audio", "video", "image", "timezone" -> {
                    // the gateway sends PNG only, which every client supports, and no audio or video
                }
                case "name" -> name = instruction.arg(0);
                case "connect" -> {
                    return new Result(parameters(instruction.args()), width, height, dpi, name);
                }
                default -> throw new ProtocolException(
                        "unexpected \"" + instruction.opcode() + "\" instruction during the handshake");
            }
        }
    }

    private Instruction expect() throws IOException {
        Instruction instruction = reader.read();
        if (instruction == null) {
            throw new java.io.EOFException("client closed the connection during the handshake");
        }
        return instruction;
    }

    private static Map<String, String> parameters(List<String> values) throws ProtocolException {
        List<String> rest = values;
        if (values.size() == VNC_ARGS.size() + 1 && values.get(0).startsWith("VERSION_")) {
            rest = values.subList(1, values.size());
        } else if (values.size() != VNC_ARGS.size()) {
            throw new ProtocolException("\"connect\" has " + values.size() + " values for "
                    + VNC_ARGS.size() + " parameters (and a version)");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < VNC_ARGS.size(); i++) {
            parameters.put(VNC_ARGS.get(i), rest.get(i));
        }
        return parameters;
    }

    private static List<String> concat(String first, List<String> rest) {
        var all = new java.util.ArrayList<String>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
