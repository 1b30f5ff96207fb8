package io.atelier.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

/**
 * Runs a command on a node as the platform's {@code atelier} account, over SSH on the
 * management network with the lab's key (JSch). The node must present the host key the
 * platform generated for it ({@link PinnedHostKey}); another key is refused
 * ({@link HostKeyRefused}).
 */
public final class NodeShell {

    /** What a command did. */
    public record Result(int exit, String stdout, String stderr) {
        public boolean ok() {
            return exit == 0;
        }
    }

    private NodeShell() {
    }

    /** The node presented another SSH host key than the one the platform generated for it. */
    public static final class HostKeyRefused extends IOException {
        HostKeyRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param stdin  sent to the command's standard input (then closed), or null
     * @throws IOException when the node cannot be reached or the command outlives the timeout
     */
    public static Result run(LabPlan.Node node, String privateKey, String command, String stdin, Duration timeout)
            throws IOException {
        Session session = connect(node, privateKey, Duration.ofMillis(Math.min(timeout.toMillis(), 10_000)));
        try {
            return exec(session, command, stdin, timeout);
        } catch (TimeoutException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            session.disconnect();
        }
    }

    /**
     * An SSH session as {@code atelier} with the lab's key to the node's management address;
     * several commands may run on it, even at once.
     *
     * @throws HostKeyRefused when the node presents another host key than its pinned one
     */
    public static Session connect(LabPlan.Node node, String privateKey, Duration timeout) throws IOException {
        String host = node.managementIp();
        PinnedHostKey pin = null;
        try {
            JSch jsch = new JSch();
            jsch.addIdentity("lab", privateKey.getBytes(StandardCharsets.UTF_8), null, null);
            Session session = jsch.getSession("atelier", host, 22);
            pin = PinnedHostKey.pin(session, node.name(), node.hostKey());
            session.connect((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            return session;
        } catch (JSchException e) {
            String refusal = pin == null ? null : pin.refusal(host);
            if (refusal != null) throw new HostKeyRefused(refusal, e);
            throw new IOException("SSH to " + host + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs one command on an open session.
     *
     * @throws IOException      when the session cannot run it (the node went away)
     * @throws TimeoutException when the command outlives {@code timeout}
     */
    public static Result exec(Session session, String command, String stdin, Duration timeout)
            throws IOException, TimeoutException {
        ChannelExec channel = null;
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            channel.setOutputStream(out);
            channel.setErrStream(err);
            OutputStream in = channel.getOutputStream();
            channel.connect((int) Math.min(timeout.toMillis(), 10_000));
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
            in.close();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!channel.isClosed()) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("'" + command + "' on " + session.getHost() + " took more than "
                            + timeout.toSeconds() + " s");
                }
                Thread.sleep(20);
            }
            return new Result(channel.getExitStatus(), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } catch (JSchException e) {
            throw new IOException("SSH to " + session.getHost() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            if (channel != null) channel.disconnect();
        }
    }
}
