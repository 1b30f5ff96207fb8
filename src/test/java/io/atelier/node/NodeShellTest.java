package io.atelier.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.jcraft.jsch.JSchException;

import io.atelier.lab.LabKeys;
import io.atelier.lab.LabPlan;

/**
 * Opening SSH to a node whose sshd refuses for a moment, as it does while it restarts (a
 * trainee's {@code systemctl reload ssh} re-executes it): a refused connection is tried
 * again instead of giving the node up for the rest of a check run; a timeout or a host key
 * refused is not.
 */
class NodeShellTest {

    static IOException refusal() {
        return new IOException("SSH to 10.213.0.2: java.net.ConnectException: Connection refused",
                new JSchException("java.net.ConnectException: Connection refused", new ConnectException("Connection refused")));
    }

    @Test
    void aConnectionRefusedWhileSshdRestartsIsTriedAgainUntilItOpens() throws IOException {
        AtomicInteger attempts = new AtomicInteger();
        NodeShell.triedAgainWhenRefused(() -> {
            if (attempts.incrementAndGet() < 3) throw refusal();
            return null; // the session opened
        });
        assertEquals(3, attempts.get());
    }

    @Test
    void aNodeThatKeepsRefusingIsGivenUpAfterAFewAttemptsWithTheRefusal() {
        AtomicInteger attempts = new AtomicInteger();
        IOException last = refusal();
        IOException failure = assertThrows(IOException.class, () -> NodeShell.triedAgainWhenRefused(() -> {
            attempts.incrementAndGet();
            throw last;
        }));
        assertSame(last, failure);
        assertEquals(NodeShell.REFUSED_ATTEMPTS, attempts.get());
    }

    @Test
    void aTimeoutOrAnotherHostKeyIsNotTriedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(IOException.class, () -> NodeShell.triedAgainWhenRefused(() -> {
            attempts.incrementAndGet();
            throw new IOException("SSH to 10.213.0.2: timeout: socket is not established", new JSchException("timeout"));
        }));
        assertThrows(NodeShell.HostKeyRefused.class, () -> NodeShell.triedAgainWhenRefused(() -> {
            attempts.incrementAndGet();
            throw new NodeShell.HostKeyRefused("node poste presented another host key", refusal());
        }));
        assertEquals(2, attempts.get());
    }

    @Test
    void aRealNodeAddressWhereNothingListensIsRefusedAndSaysSo() {
        LabPlan.Node node = new LabPlan.Node("poste", "debian-base", 256, 1, "d", "v", 22, "127.0.0.22",
                "52:54:00:00:00:16", List.of(), List.of(), null, LabKeys.generate("hote").publicKey());
        IOException failure = assertThrows(IOException.class,
                () -> NodeShell.connect(node, LabKeys.generate("lab").privateKey(), Duration.ofSeconds(5)));
        assertTrue(NodeShell.refused(failure), failure.toString());
        assertTrue(failure.getMessage().startsWith("SSH to 127.0.0.22: "), failure.getMessage());
    }
}
