package io.atelier.console.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.apache.guacamole.protocol.GuacamoleStatus;
import org.junit.jupiter.api.Test;

/** The Guacamole wire format: {@link Instruction} encoding and {@link InstructionReader} strict parsing. */
class InstructionCodecTest {

    private static Instruction parse(String wire) throws IOException {
        return new InstructionReader(new StringReader(wire)).read();
    }

    private static String guacamoleCommon(String opcode, String... args) {
        return new GuacamoleInstruction(opcode, args).toString();
    }

    @Test
    void lengthsCountCodePointsAndRoundTripWithGuacamoleCommon() throws IOException {
        String wire = guacamoleCommon("clipboard", "é", "😀", "日本語", "a😀b", "");
        assertEquals("9.clipboard,1.é,1.😀,3.日本語,3.a😀b,0.;", wire);
        Instruction parsed = parse(wire);
        assertEquals("clipboard", parsed.opcode());
        assertEquals(List.of("é", "😀", "日本語", "a😀b", ""), parsed.args());
        assertEquals(wire, parsed.encode());
        // separators and digits inside values are data, not syntax
        Instruction tricky = Instruction.of("key", "1,2;3.", ";", ",", "5.abc");
        assertEquals(tricky, parse(tricky.encode()));
    }

    @Test
    void readsConsecutiveInstructionsAndEndsCleanlyBetweenThem() throws IOException {
        InstructionReader reader = new InstructionReader(new StringReader("4.sync,3.123;3.nop;0.,4.ping;"));
        assertEquals(Instruction.of("sync", "123"), reader.read());
        assertEquals(Instruction.of("nop"), reader.read());
        assertEquals(Instruction.of("", "ping"), reader.read());
        assertNull(reader.read());
        assertNull(new InstructionReader(new StringReader("")).read());
    }

    @Test
    void malformedInputIsAProtocolException() {
        for (String wire : List.of(
                "4.sync,3.123",        // EOF before ';'
                "4.sync,3.12",         // EOF inside a value
                "4.sync,3",            // EOF inside a length
                "4.sync,",             // EOF after ','
                "4.sync,3.1234;",      // value longer than its length: '4' where a separator belongs
                "4.syn,3.123;",        // value shorter: 'c' where a separator belongs
                "x.sync;",             // non-digit length
                ".sync;",              // empty length
                "4sync;",              // missing '.'
                "-1.a;",               // sign
                "4.sync:3.123;",       // wrong separator
                "4.sync;\n3.nop;",     // whitespace between instructions
                "1.\uD83D;",           // lone high surrogate
                "1.\uDE00;"            // lone low surrogate
        )) {
            assertThrows(ProtocolException.class, () -> {
                InstructionReader reader = new InstructionReader(new StringReader(wire));
                while (reader.read() != null) {
                    // consume
                }
            }, wire);
        }
    }

    @Test
    void limitsAreEnforcedBeforeBuffering() {
        InstructionReader.Limits limits = new InstructionReader.Limits(5, 100, 8, 400);
        ProtocolException digits = assertThrows(ProtocolException.class,
                () -> new InstructionReader(new StringReader("000004.sync;"), limits).read());
        assertEquals(GuacamoleStatus.CLIENT_OVERRUN, digits.status());
        // 5 digits is fine
        assertEquals("sync", assertDoesNotThrowRead("00004.sync;", limits).opcode());

        ProtocolException element = assertThrows(ProtocolException.class,
                () -> new InstructionReader(new StringReader("101." + "a".repeat(101) + ";"), limits).read());
        assertEquals(GuacamoleStatus.CLIENT_OVERRUN, element.status());
        assertEquals(100, assertDoesNotThrowRead(guacamoleCommon("a".repeat(100)), limits).opcode().length());

        String[] nine = new String[8];
        java.util.Arrays.fill(nine, "x");
        assertThrows(ProtocolException.class,
                () -> new InstructionReader(new StringReader(guacamoleCommon("op", nine)), limits).read());
        assertEquals(7, assertDoesNotThrowRead(guacamoleCommon("op", java.util.Arrays.copyOf(nine, 7)), limits).args().size());

        String[] big = {"a".repeat(100), "a".repeat(100), "a".repeat(100), "a".repeat(100)};
        assertThrows(ProtocolException.class,
                () -> new InstructionReader(new StringReader(guacamoleCommon("op", big)), limits).read());

        // the default limits: 5 digits, elements of 32 Ki code points, 128 elements, 64 KiB instructions
        assertThrows(ProtocolException.class, () -> parse("99999.x;"));
        String[] many = new String[128];
        java.util.Arrays.fill(many, "");
        assertThrows(ProtocolException.class, () -> parse(guacamoleCommon("op", many)));
    }

    private static Instruction assertDoesNotThrowRead(String wire, InstructionReader.Limits limits) {
        try {
            return new InstructionReader(new StringReader(wire), limits).read();
        } catch (IOException e) {
            throw new AssertionError("unexpected " + e + " for " + wire, e);
        }
    }

    @Test
    void randomValidInstructionsRoundTrip() throws IOException {
        Random random = new Random(20240607L);
        for (int i = 0; i < 5000; i++) {
            List<GuacamoleInstruction> batch = new ArrayList<>();
            StringBuilder wire = new StringBuilder();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                String opcode = randomText(random, 8);
                String[] args = new String[random.nextInt(6)];
                for (int a = 0; a < args.length; a++) {
                    args[a] = randomText(random, 40);
                }
                GuacamoleInstruction instruction = new GuacamoleInstruction(opcode, args);
                batch.add(instruction);
                wire.append(instruction);
            }
            InstructionReader reader = new InstructionReader(new StringReader(wire.toString()));
            for (GuacamoleInstruction expected : batch) {
                Instruction actual = reader.read();
                assertEquals(expected.getOpcode(), actual.opcode(), wire::toString);
                assertEquals(expected.getArgs(), actual.args(), wire::toString);
                assertEquals(expected.toString(), actual.encode());
            }
            assertNull(reader.read());
        }
    }

    @Test
    void randomMutationsAndGarbageParseOrThrowProtocolExceptionOnly() {
        Random random = new Random(77L);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            int rejected = 0;
            for (int i = 0; i < 20000; i++) {
                String input = i % 4 == 0 ? garbage(random) : mutate(random, validWire(random));
                InstructionReader reader = new InstructionReader(new StringReader(input),
                        new InstructionReader.Limits(5, 64, 16, 512));
                try {
                    int count = 0;
                    while (reader.read() != null) {
                        if (++count > input.length()) {
                            fail("more instructions than characters: " + input);
                        }
                    }
                } catch (ProtocolException expected) {
                    rejected++;
                } catch (Throwable other) {
                    fail("unexpected " + other + " for input " + input, other);
                }
            }
            if (rejected < 1000) {
                fail("the fuzzer produced too few invalid inputs (" + rejected + ") to mean anything");
            }
        });
    }

    private static String validWire(Random random) {
        StringBuilder wire = new StringBuilder();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            String[] args = new String[random.nextInt(4)];
            for (int a = 0; a < args.length; a++) {
                args[a] = randomText(random, 12);
            }
            wire.append(new GuacamoleInstruction(randomText(random, 6), args));
        }
        return wire.toString();
    }

    private static String mutate(Random random, String wire) {
        StringBuilder s = new StringBuilder(wire);
        for (int m = 1 + random.nextInt(3); m > 0 && !s.isEmpty(); m--) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(6)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, randomSyntaxChar(random));
                case 2 -> s.setCharAt(at, randomSyntaxChar(random));
                case 3 -> s.setLength(at);
                case 4 -> s.insert(at, s.substring(at, Math.min(s.length(), at + 1 + random.nextInt(8))));
                default -> s.insert(at, (char) (0xD800 + random.nextInt(0x800)));
            }
        }
        return s.toString();
    }

    private static char randomSyntaxChar(Random random) {
        String chars = "0123456789.,;a😀é";
        return chars.charAt(random.nextInt(chars.length()));
    }

    private static String garbage(Random random) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(64); n > 0; n--) {
            s.append(random.nextBoolean() ? randomSyntaxChar(random) : (char) random.nextInt(0x10000));
        }
        return s.toString();
    }

    /** Random text mixing ASCII (syntax characters included), Latin-1, CJK and astral code points. */
    private static String randomText(Random random, int maxCodePoints) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(maxCodePoints + 1); n > 0; n--) {
            int cp = switch (random.nextInt(5)) {
                case 0 -> ".,;0123456789".charAt(random.nextInt(13));
                case 1 -> 0x20 + random.nextInt(0x5f);
                case 2 -> 0xa0 + random.nextInt(0x160);
                case 3 -> 0x4e00 + random.nextInt(0x5000);
                default -> 0x1f300 + random.nextInt(0x300);
            };
            s.appendCodePoint(cp);
        }
        return s.toString();
    }
}
