package io.atelier.hypervisor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The output of a command run through the guest agent stays small on both sides: the
 * script wrapped around the command (run here with this machine's /bin/sh and head, as
 * the guest's would) passes on at most the limit plus one byte of each stream and keeps
 * the command's exit status; the platform decodes at most the limit of what the agent
 * answers, and says when there was more.
 */
class GuestOutputTest {

    static final int KEEP = Hypervisor.GUEST_OUTPUT_LIMIT + 1;

    record Ran(int exit, byte[] stdout, byte[] stderr) {
    }

    /** Runs the wrapped command; reads at most 4 MiB of each stream, so an unbounded wrapper fails here rather than hangs. */
    static Ran wrapped(String command) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", Hypervisor.boundedInGuest(KEEP), "sh", command).start();
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<byte[]> out = readers.submit(() -> upTo(p.getInputStream(), 4 << 20));
            Future<byte[]> err = readers.submit(() -> upTo(p.getErrorStream(), 4 << 20));
            byte[] stdout = out.get(60, TimeUnit.SECONDS);
            byte[] stderr = err.get(60, TimeUnit.SECONDS);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command ends: " + command);
            return new Ran(p.exitValue(), stdout, stderr);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** At most {@code most} bytes; more fails the test (the wrapper did not bound the stream). */
    static byte[] upTo(InputStream in, int most) {
        try (in) {
            byte[] read = in.readNBytes(most);
            if (in.read() >= 0) throw new AssertionError("more than " + most + " bytes came out of the wrapper");
            return read;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aGibibyteOnEitherStreamReachesTheAgentCutAtTheLimitPlusOneByte() throws Exception {
        Ran zeros = wrapped("head -c 1G /dev/zero");
        assertEquals(KEEP, zeros.stdout().length, "stdout is cut by the guest");
        assertEquals(0, zeros.stderr().length);

        Ran yes = wrapped("yes");
        assertEquals(KEEP, yes.stdout().length, "an endless writer is stopped (broken pipe)");
        assertEquals(141, yes.exit(), "stopped by SIGPIPE");

        Ran toStderr = wrapped("head -c 1G /dev/zero >&2; echo done");
        assertEquals(KEEP, toStderr.stderr().length, "stderr is cut by the guest too");
    }

    @Test
    void ordinaryCommandsKeepTheirOutputsAndExitStatus() throws Exception {
        Ran ran = wrapped("echo 'dit: \"oui\" $HOME'; echo ennui >&2; exit 3");
        assertEquals(3, ran.exit(), "the exit status of the command");
        assertEquals("dit: \"oui\" $HOME\n", new String(ran.stdout(), StandardCharsets.UTF_8), "the command as written");
        assertEquals("ennui\n", new String(ran.stderr(), StandardCharsets.UTF_8));
        assertEquals(0, wrapped("test -d /").exit());
        assertEquals(137, wrapped("kill -9 $$").exit(), "a killed command");
        String fds = new String(wrapped("ls /proc/self/fd | tr '\\n' ' '").stdout(), StandardCharsets.UTF_8);
        assertFalse(fds.contains(" 4 ") || fds.contains(" 5 ") || fds.contains(" 6 "),
                "the command gets none of the wrapper's descriptors: " + fds);
    }

    static ObjectNode status(byte[] out, boolean truncated) {
        ObjectNode state = new ObjectMapper().createObjectNode().put("exited", true).put("exitcode", 0);
        state.put("out-data", Base64.getEncoder().encodeToString(out));
        if (truncated) state.put("out-truncated", true);
        return state;
    }

    @Test
    void thePlatformDecodesAtMostTheLimitOfWhatTheAgentSends() {
        byte[] big = new byte[3 * Hypervisor.GUEST_OUTPUT_LIMIT];
        Arrays.fill(big, (byte) 'y');
        Hypervisor.Output decoded = Hypervisor.decode(status(big, false), "out");
        assertEquals(Hypervisor.GUEST_OUTPUT_LIMIT, decoded.bytes().length);
        assertTrue(decoded.cut());

        Hypervisor.Output plusOne = Hypervisor.decode(status(Arrays.copyOf(big, KEEP), false), "out");
        assertEquals(Hypervisor.GUEST_OUTPUT_LIMIT, plusOne.bytes().length);
        assertTrue(plusOne.cut(), "the extra byte the guest keeps says there was more");

        Hypervisor.Output exact = Hypervisor.decode(status(Arrays.copyOf(big, Hypervisor.GUEST_OUTPUT_LIMIT), false), "out");
        assertFalse(exact.cut());

        Hypervisor.Output small = Hypervisor.decode(status("ok\n".getBytes(), false), "out");
        assertArrayEquals("ok\n".getBytes(), small.bytes());
        assertFalse(small.cut());
        assertTrue(Hypervisor.decode(status("ok".getBytes(), true), "out").cut(), "the agent's own truncation counts");
        assertEquals(0, Hypervisor.decode(status(new byte[0], false), "err").bytes().length);
    }
}
