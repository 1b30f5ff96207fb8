package io.atelier.console.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.guacamole.protocol.GuacamoleInstruction;

/**
 * One Guacamole protocol instruction: an opcode and its arguments, all strings. On the wire it is the
 * list of elements {@code LENGTH.VALUE}, separated by {@code ,} and terminated by {@code ;}, where
 * LENGTH is the decimal number of Unicode code points (not UTF-16 chars, not bytes) of VALUE.
 * Encoding reuses guacamole-common's {@link GuacamoleInstruction#toString()}, which counts code points
 * exactly so; decoding is {@link InstructionReader}.
 */
public record Instruction(String opcode, List<String> args) {

    public Instruction {
        Objects.requireNonNull(opcode, "opcode");
        args = List.copyOf(args);
    }

    /** An instruction whose arguments are the {@link String#valueOf(Object)} of the given values. */
    public static Instruction of(String opcode, Object... args) {
        List<String> values = new ArrayList<>(args.length);
        for (Object arg : args) {
            values.add(String.valueOf(arg));
        }
        return new Instruction(opcode, values);
    }

    /** The argument at {@code index}; a {@link ProtocolException} if the client sent fewer. */
    public String arg(int index) throws ProtocolException {
        if (index >= args.size()) {
            throw new ProtocolException("\"" + opcode + "\" needs at least " + (index + 1) + " argument(s)");
        }
        return args.get(index);
    }

    /** The argument at {@code index} as a decimal integer; a {@link ProtocolException} if it is not one. */
    public int intArg(int index) throws ProtocolException {
        String value = arg(index);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ProtocolException("\"" + opcode + "\" argument " + index + " is not an integer");
        }
    }

    /** The argument at {@code index} as a decimal long; a {@link ProtocolException} if it is not one. */
    public long longArg(int index) throws ProtocolException {
        String value = arg(index);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ProtocolException("\"" + opcode + "\" argument " + index + " is not an integer");
        }
    }

    /** The wire form, e.g. {@code 4.size,1.0,4.1024,3.768;}. */
    public String encode() {
        return new GuacamoleInstruction(opcode, args).toString();
    }

    @Override
    public String toString() {
        return encode();
    }
}
