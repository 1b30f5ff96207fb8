package io.atelier.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.jcraft.jsch.Session;

import io.atelier.hypervisor.Hypervisor;
import io.atelier.hypervisor.HypervisorException;
import io.atelier.lab.LabPlan;

/**
 * Runs a command as root on a lab's machine, whichever way reaches it: SSH on the management
 * network with the lab's key first ({@link NodeShell}), the QEMU guest agent when SSH cannot
 * reach the node (the trainee's firewall drops the platform's SSH, sshd is stopped, the node
 * presents another host key). The command only moves to the guest agent when no SSH session
 * could be opened: once it started over SSH it is never run a second time.
 * Provisioning (setup scripts, faults, readiness after a restart) and the prover use it.
 */
@ApplicationScoped
public class NodeRunner {

    private static final Logger LOG = Logger.getLogger(NodeRunner.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Hypervisor hypervisor;

    public NodeRunner(Hypervisor hypervisor) {
        this.hypervisor = hypervisor;
    }

    /**
     * Runs {@code command} with {@code /bin/sh -c} as root on {@code node}, {@code stdin} (or
     * nothing) on its standard input.
     *
     * @throws IOException when neither SSH nor the guest agent reached the node, or the
     *                     command outlived {@code timeout}; the message says both ways
     */
    public NodeShell.Result asRoot(LabPlan.Node node, String privateKey, String command, String stdin, Duration timeout)
            throws IOException {
        Session session;
        try {
            session = NodeShell.connect(node, privateKey, shorter(timeout, CONNECT_TIMEOUT));
        } catch (IOException ssh) {
            return throughGuestAgent(node, command, stdin, timeout, ssh);
        }
        try {
            return NodeShell.exec(session, "sudo -n sh -c " + quote(command), stdin, timeout);
        } catch (TimeoutException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            session.disconnect();
        }
    }

    /**
     * Whether the node has booted and answers through its guest agent: {@code test} (a
     * command) succeeds once systemd has finished starting the machine (running or
     * degraded). For a node whose SSH the trainee cut: the platform still sees it up.
     */
    public boolean bootedThroughGuestAgent(LabPlan.Node node, String test) {
        String command = "(" + test + ") && systemctl is-system-running | grep -Eqx 'running|degraded'";
        try {
            return hypervisor.guestExec(node.domain(), command, Duration.ofSeconds(15)).exit() == 0;
        } catch (HypervisorException | TimeoutException e) {
            return false;
        }
    }

    private NodeShell.Result throughGuestAgent(LabPlan.Node node, String command, String stdin, Duration timeout,
            IOException ssh) throws IOException {
        try {
            NodeShell.Result r = agent(node, command, stdin, timeout);
            LOG.infof("Node %s: ran through the guest agent (SSH: %s)", node.name(), ssh.getMessage());
            return r;
        } catch (HypervisorException | TimeoutException e) {
            throw new IOException("SSH: " + ssh.getMessage() + "; guest agent: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code command} as root through the node's guest agent only, in the environment
     * {@code sudo} gives an SSH session ({@code HOME=/root}, its {@code PATH}), without opening
     * an SSH session (its key exchange and {@code sudo} cost 1-3 s of a TCG guest's CPU). For a
     * command that may run twice: when the agent stops answering, the command may have started
     * (or still run) in the guest while the caller tries another way; such a command takes a
     * lock and leaves a mark of its work.
     *
     * @throws IOException when the agent did not answer, or the command outlived {@code timeout}
     */
    public NodeShell.Result throughGuestAgent(LabPlan.Node node, String command, String stdin, Duration timeout)
            throws IOException {
        try {
            return agent(node, "cd /root && exec env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/sh"
                    + " PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin sh -c " + quote(command), stdin, timeout);
        } catch (HypervisorException | TimeoutException e) {
            throw new IOException("guest agent: " + e.getMessage(), e);
        }
    }

    private NodeShell.Result agent(LabPlan.Node node, String command, String stdin, Duration timeout)
            throws TimeoutException {
        String root = stdin == null ? command
                : "echo " + Base64.getEncoder().encodeToString(stdin.getBytes(StandardCharsets.UTF_8))
                        + " | base64 -d | sh -c " + quote(command);
        Hypervisor.GuestCommand r = hypervisor.guestExec(node.domain(), root, timeout);
        return new NodeShell.Result(r.exit(), new String(r.stdout(), StandardCharsets.UTF_8),
                new String(r.stderr(), StandardCharsets.UTF_8), r.cut());
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    /** {@code text} as one single-quoted shell word. */
    public static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
