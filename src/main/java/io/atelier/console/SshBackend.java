package io.atelier.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.jcraft.jsch.ChannelShell;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

import io.atelier.lab.LabPlan;
import io.atelier.node.PinnedHostKey;

/**
 * A login shell as the lab's trainee, over SSH (JSch) on the management network, with a
 * pseudo-terminal of type {@code xterm-256color} that follows the browser's size. The node
 * must present the host key the platform generated for it ({@link PinnedHostKey}), as for the
 * platform's own commands: the trainee's password never goes to another machine.
 */
final class SshBackend implements TerminalBackend {

    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final Session session;
    private final ChannelShell shell;
    private final InputStream output;
    private final OutputStream input;

    private SshBackend(Session session, ChannelShell shell, InputStream output, OutputStream input) {
        this.session = session;
        this.shell = shell;
        this.output = output;
        this.input = input;
    }

    static SshBackend connect(LabPlan.Node node, String user, String password, int columns, int rows) throws IOException {
        String host = node.managementIp();
        Session session = null;
        PinnedHostKey pin = null;
        try {
            session = new JSch().getSession(user, host, 22);
            session.setPassword(password);
            pin = PinnedHostKey.pin(session, node.name(), node.hostKey());
            session.setConfig("PreferredAuthentications", "password,keyboard-interactive");
            session.setServerAliveInterval(15_000);
            session.connect(CONNECT_TIMEOUT_MS);
            ChannelShell shell = (ChannelShell) session.openChannel("shell");
            shell.setPtyType("xterm-256color");
            shell.setPtySize(columns, rows, 0, 0);
            InputStream output = shell.getInputStream();
            OutputStream input = shell.getOutputStream();
            shell.connect(CONNECT_TIMEOUT_MS);
            return new SshBackend(session, shell, output, input);
        } catch (JSchException e) {
            if (session != null) session.disconnect();
            String refusal = pin == null ? null : pin.refusal(host);
            if (refusal != null) throw new IOException(refusal, e);
            throw new IOException("SSH to " + user + "@" + host + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream output() {
        return output;
    }

    @Override
    public void write(byte[] data) throws IOException {
        synchronized (input) {
            input.write(data);
            input.flush();
        }
    }

    @Override
    public void resize(int columns, int rows) {
        shell.setPtySize(columns, rows, 0, 0);
    }

    @Override
    public void close() {
        shell.disconnect();
        session.disconnect();
    }
}
