package io.atelier.node;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

import io.atelier.lab.LabPlan;

/**
 * Runs a command on a node as the platform's {@code atelier} account, over SSH on the
 * management network with the lab's key (JSch). The node must present the host key the
 * platform generated for it ({@link PinnedHostKey}); another key is refused
 * ({@link HostKeyRefused}).
 */
public final class NodeShell {

    /**
     * What each of a command's output streams may hold: past it, the command's output is
     * cut (the channel is closed, so the node stops sending) and the result says so.
     */
    public static final int OUTPUT_LIMIT = 1 << 20;

    /**
     * What a command did. {@code cut}: one of its streams went past {@link #OUTPUT_LIMIT}, so
     * only its beginning is kept and the command was stopped ({@code exit} is then -1 when
     * the node had not reported one); a cut command is never {@linkplain #ok() ok}.
     */
    public record Result(int exit, String stdout, String stderr, boolean cut) {
        public Result(int exit, String stdout, String stderr) {
            this(exit, stdout, stderr, false);
        }

        public boolean ok() {
            return exit == 0 && !cut;
        }

        /** "exit 3", or that the output was cut: for messages. */
        public String status() {
            return cut ? "output cut after " + OUTPUT_LIMIT + " bytes" : "exit " + exit;
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
     * Whether the node's sshd greets on the management network: a TCP connection and its
     * {@code SSH-} banner within 2 s, no key exchange (a session costs 1-3 s of a TCG guest's CPU).
     */
    public static boolean greets(LabPlan.Node node) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(node.managementIp(), 22), 2000);
            socket.setSoTimeout(2000);
            byte[] banner = socket.getInputStream().readNBytes(4);
            return new String(banner, StandardCharsets.US_ASCII).equals("SSH-");
        } catch (IOException e) {
            return false;
        }
    }

    /** How often a refused connection is tried again, and how long apart. */
    static final int REFUSED_ATTEMPTS = 4;
    static final Duration REFUSED_PAUSE = Duration.ofMillis(500);

    /**
     * An SSH session as {@code atelier} with the lab's key to the node's management address;
     * several commands may run on it, even at once. A refused connection is tried again
     * ({@value #REFUSED_ATTEMPTS} attempts, 0.5 s apart): sshd refuses for a moment while it
     * restarts, and {@code systemctl reload ssh}, which re-executes it, is what a trainee
     * hardening SSH does many times; a connection that times out is not.
     *
     * @throws HostKeyRefused when the node presents another host key than its pinned one
     */
    public static Session connect(LabPlan.Node node, String privateKey, Duration timeout) throws IOException {
        return triedAgainWhenRefused(() -> connectOnce(node, privateKey, timeout));
    }

    /** One attempt to open a session. */
    interface Attempt {
        Session open() throws IOException;
    }

    /** Makes {@code attempt} up to {@value #REFUSED_ATTEMPTS} times while it is refused; any other failure ends it. */
    static Session triedAgainWhenRefused(Attempt attempt) throws IOException {
        for (int n = 1; ; n++) {
            try {
                return attempt.open();
            } catch (HostKeyRefused e) {
                throw e;
            } catch (IOException e) {
                if (n >= REFUSED_ATTEMPTS || !refused(e)) throw e;
                try {
                    Thread.sleep(REFUSED_PAUSE);
                } catch (InterruptedException i) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Whether the connection was refused (nothing listening), somewhere in the causes. */
    static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) return true;
        }
        return false;
    }

    private static Session connectOnce(LabPlan.Node node, String privateKey, Duration timeout) throws IOException {
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
     * Runs one command on an open session. Each output stream keeps at most
     * {@link #OUTPUT_LIMIT} bytes; past it the channel is closed at once and the result is
     * marked cut, so a command printing without end costs the platform that much and no more.
     *
     * @throws IOException      when the session cannot run it (the node went away)
     * @throws TimeoutException when the command outlives {@code timeout}
     */
    public static Result exec(Session session, String command, String stdin, Duration timeout)
            throws IOException, TimeoutException {
        return exec(session, command, stdin, timeout, OUTPUT_LIMIT);
    }

    static Result exec(Session session, String command, String stdin, Duration timeout, int limit)
            throws IOException, TimeoutException {
        ChannelExec channel = null;
        Object wake = new Object();
        Runnable cutNow = () -> {
            synchronized (wake) {
                wake.notifyAll();
            }
        };
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command);
            BoundedOutput out = new BoundedOutput(limit, cutNow);
            BoundedOutput err = new BoundedOutput(limit, cutNow);
            channel.setOutputStream(out);
            channel.setErrStream(err);
            OutputStream in = channel.getOutputStream();
            channel.connect((int) Math.min(timeout.toMillis(), 10_000));
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
            in.close();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!channel.isClosed() && !out.cut() && !err.cut()) {
                if (System.nanoTime() > deadline) {
                    throw new Outlived("'" + command + "' on " + session.getHost() + " took more than "
                            + timeout.toSeconds() + " s", out.text(), err.text());
                }
                synchronized (wake) {
                    if (!out.cut() && !err.cut()) wake.wait(20);
                }
            }
            boolean cut = out.cut() || err.cut();
            // a cut command is stopped here: closing the channel closes its output on the node
            int exit = channel.isClosed() ? channel.getExitStatus() : -1;
            return new Result(exit, out.text(), err.text(), cut);
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
