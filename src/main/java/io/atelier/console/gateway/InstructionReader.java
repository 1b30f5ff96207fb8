package io.atelier.console.gateway;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import org.apache.guacamole.protocol.GuacamoleStatus;

/**
 * Strict parser of the Guacamole wire format: an instruction is one or more elements
 * {@code LENGTH.VALUE} separated by {@code ,} and terminated by {@code ;}; LENGTH is a decimal number
 * of at most {@link Limits#maxDigits()} digits counting the Unicode code points of VALUE (a surrogate
 * pair is one code point; a lone surrogate is malformed). Nothing may stand between two instructions.
 *
 * <p>Every deviation throws a {@link ProtocolException}: a non-digit where a length is expected, a
 * missing {@code .}, a separator other than {@code ,}/{@code ;}, end of input inside an instruction,
 * undecodable input, or a limit exceeded (status CLIENT_OVERRUN). Limits are checked as soon as a
 * length is read, before its value is, so a hostile client cannot make the gateway buffer more than
 * {@link Limits#maxInstructionLength()} chars.
 */
public final class InstructionReader {

    /**
     * Bounds on one instruction.
     *
     * @param maxDigits            digits of one LENGTH
     * @param maxElementLength     code points of one VALUE
     * @param maxElements          elements of one instruction, opcode included
     * @param maxInstructionLength UTF-16 chars of one instruction as written, separators included
     */
    public record Limits(int maxDigits, int maxElementLength, int maxElements, int maxInstructionLength) {
        /** 5 digits, 32 Ki code points per element, 128 elements, 64 KiB per instruction (room for blobs). */
        public static final Limits DEFAULT = new Limits(5, 32 * 1024, 128, 64 * 1024);
    }

    private final Reader in;
    private final Limits limits;
    private final char[] buffer = new char[8192];
    private int position;
    private int end;

    public InstructionReader(Reader in) {
        this(in, Limits.DEFAULT);
    }

    public InstructionReader(Reader in, Limits limits) {
        this.in = in;
        this.limits = limits;
    }

    /**
     * Reads the next instruction.
     *
     * @return the instruction, or {@code null} if the input ended cleanly between two instructions
     * @throws ProtocolException if the input is not a well-formed instruction within the limits
     * @throws IOException       if reading the underlying input failed
     */
    public Instruction read() throws IOException {
        int c = next();
        if (c < 0) {
            return null;
        }
        List<String> elements = new ArrayList<>();
        long size = 0;
        while (true) {
            // LENGTH
            long length = 0;
            int digits = 0;
            while (c != '.') {
                if (c < 0) {
                    throw endOfInput();
                }
                if (c < '0' || c > '9') {
                    throw new ProtocolException("malformed instruction: expected a digit or '.' but got " + describe(c));
                }
                if (++digits > limits.maxDigits()) {
                    throw new ProtocolException("element length has more than " + limits.maxDigits() + " digits",
                            GuacamoleStatus.CLIENT_OVERRUN);
                }
                length = length * 10 + (c - '0');
                c = next();
            }
            if (digits == 0) {
                throw new ProtocolException("malformed instruction: element without a length");
            }
            size += digits + 1;
            if (length > limits.maxElementLength()) {
                throw new ProtocolException("element of " + length + " code points exceeds the limit of "
                        + limits.maxElementLength(), GuacamoleStatus.CLIENT_OVERRUN);
            }
            if (elements.size() >= limits.maxElements()) {
                throw new ProtocolException("instruction has more than " + limits.maxElements() + " elements",
                        GuacamoleStatus.CLIENT_OVERRUN);
            }
            if (size + length + 1 > limits.maxInstructionLength()) {
                throw instructionTooLong();
            }
            // VALUE
            StringBuilder value = new StringBuilder((int) length);
            for (long i = 0; i < length; i++) {
                int ch = next();
                if (ch < 0) {
                    throw endOfInput();
                }
                if (Character.isHighSurrogate((char) ch)) {
                    int low = next();
                    if (low < 0) {
                        throw endOfInput();
                    }
                    if (!Character.isLowSurrogate((char) low)) {
                        throw new ProtocolException("malformed instruction: unpaired surrogate");
                    }
                    value.append((char) ch).append((char) low);
                    size += 2;
                } else if (Character.isLowSurrogate((char) ch)) {
                    throw new ProtocolException("malformed instruction: unpaired surrogate");
                } else {
                    value.append((char) ch);
                    size++;
                }
            }
            if (size + 1 > limits.maxInstructionLength()) {
                throw instructionTooLong();
            }
            elements.add(value.toString());
            // separator
            int separator = next();
            size++;
            if (separator == ';') {
                return new Instruction(elements.get(0), elements.subList(1, elements.size()));
            }
            if (separator < 0) {
                throw endOfInput();
            }
            if (separator != ',') {
                throw new ProtocolException("malformed instruction: expected ',' or ';' after an element but got "
                        + describe(separator));
            }
            c = next();
        }
    }

    private ProtocolException instructionTooLong() {
        return new ProtocolException("instruction exceeds " + limits.maxInstructionLength() + " characters",
                GuacamoleStatus.CLIENT_OVERRUN);
    }

    private static ProtocolException endOfInput() {
        return new ProtocolException("end of input in the middle of an instruction");
    }

    private static String describe(int c) {
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("U+%04X", c);
    }

    private int next() throws IOException {
        if (position == end) {
            int count;
            try {
                count = in.read(buffer, 0, buffer.length);
            } catch (CharacterCodingException e) {
                throw new ProtocolException("input is not valid UTF-8");
            }
            if (count <= 0) {
                return -1;
            }
            position = 0;
            end = count;
        }
        return buffer[position++];
    }
}
