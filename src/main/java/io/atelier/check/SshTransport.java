package io.atelier.check;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import com.jcraft.jsch.Session;

import io.atelier.lab.LabPlan;
import io.atelier.node.NodeShell;

/**
 * Checks over SSH on the management network, as {@code atelier} with the lab's key, each
 * command run as root ({@code sudo -n}), to a node that presents its pinned host key. One session per node is opened at the first check
 * and reused by the others. When the node cannot be reached (the trainee's firewall, a
 * downed interface), it says so once and is not tried again in this run.
 */
final class SshTransport implements Transport, AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final LabPlan.Node node;
    private final String privateKey;
    private Session session;
    private IOException unreachable;

    SshTransport(LabPlan.Node node, String privateKey) {
        this.node = node;
        this.privateKey = privateKey;
    }

    @Override
    public String name() {
        return "ssh";
    }

    @Override
    public CommandOutput run(String command, Duration timeout) throws IOException, TimeoutException {
        Session open = session();
        try {
            NodeShell.Result result = NodeShell.exec(open, "sudo -n sh -c " + CheckCompiler.quote(command), null, timeout);
            return new CommandOutput(result.exit(), result.stdout(), result.stderr(), result.cut());
        } catch (IOException e) {
            throw giveUp(e);
        }
    }

    private synchronized Session session() throws IOException {
        if (unreachable != null) throw unreachable;
        if (session == null || !session.isConnected()) {
            try {
                session = NodeShell.connect(node, privateKey, CONNECT_TIMEOUT);
            } catch (IOException e) {
                throw giveUp(e);
            }
        }
        return session;
    }

    private synchronized IOException giveUp(IOException e) {
        if (unreachable == null) unreachable = e;
        return unreachable;
    }

    @Override
    public synchronized void close() {
        if (session != null) session.disconnect();
    }
}
