package io.atelier.console;

import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.atelier.hypervisor.Hypervisor;
import io.atelier.lab.Lab;
import io.atelier.lab.LabPlan;
import io.atelier.lab.LabSessionRules;
import io.atelier.lab.LabState;
import io.atelier.lab.LabStore;
import io.atelier.lab.NodeSecretStore;
import io.atelier.lab.NodeSecrets;

/**
 * Where a console leads: the lab's node, checked when a ticket is issued and again when it
 * is used (the lab may have been stopped in between). A console opens only on a READY lab,
 * on a node whose template offers that kind, while its VM runs.
 */
@ApplicationScoped
public class ConsoleTargets {

    /** A node of a lab, with the VM's display port and password for VNC (null: the display has none). */
    public record Target(Lab lab, LabPlan.Node node, int vncPort, String vncPassword) {
        @Override
        public String toString() {
            return "Target[" + lab.id() + " " + node.name() + " vnc " + vncPort + "]";
        }
    }

    @Inject
    LabStore labs;

    @Inject
    Hypervisor hypervisor;

    @Inject
    LabSessionRules sessions;

    @Inject
    NodeSecretStore secrets;

    /**
     * When a ticket is used: the lab must still be open to {@code user} (a ticket issued just
     * before a pause does not open the screen during the pause).
     */
    public Target resolve(UUID labId, String nodeName, ConsoleKind kind, String user) throws ConsoleUnavailableException {
        Lab lab = labs.find(labId).orElseThrow(() -> new ConsoleUnavailableException(404, "This lab no longer exists."));
        if (lab.trainee().equals(user)) {
            String closed = sessions.closed(lab.id());
            if (closed == null && lab.createdBy().equals(user)) closed = sessions.practiceClosed(user, lab.templateId());
            if (closed != null) throw new ConsoleUnavailableException(409, closed);
        }
        return resolve(lab, nodeName, kind, user);
    }

    /**
     * A console opens on a READY lab; on a GRADED lab whose VMs a trainer started again, for
     * the staff only (to inspect it), never for its trainee.
     */
    public Target resolve(Lab lab, String nodeName, ConsoleKind kind, String user) throws ConsoleUnavailableException {
        LabPlan.Node node = lab.plan().traineeNodes().stream().filter(n -> n.name().equals(nodeName)).findFirst()
                .orElseThrow(() -> new ConsoleUnavailableException(404, "This lab has no machine " + nodeName + "."));
        if (!node.consoles().contains(kind.id())) {
            throw new ConsoleUnavailableException(404,
                    "The template offers no " + kind.id() + " console on " + nodeName + " (it offers " + node.consoles() + ").");
        }
        boolean inspecting = lab.state() == LabState.GRADED && !lab.trainee().equals(user);
        if (lab.state() != LabState.READY && !inspecting) {
            throw new ConsoleUnavailableException(409, "The lab is " + lab.state() + ", not READY: its consoles open once it is ready.");
        }
        if (!hypervisor.isRunning(node.domain())) {
            throw new ConsoleUnavailableException(409, "The machine " + nodeName + " is stopped; start the lab to use its consoles.");
        }
        int vncPort = 0;
        String vncPassword = null;
        if (kind == ConsoleKind.VNC) {
            OptionalInt port = hypervisor.vncPort(node.domain());
            if (port.isEmpty()) throw new ConsoleUnavailableException(409, "The machine " + nodeName + " has no screen yet.");
            vncPort = port.getAsInt();
            vncPassword = secrets.of(lab, node).map(NodeSecrets::vncPassword).orElse(null);
        }
        return new Target(lab, node, vncPort, vncPassword);
    }

    /**
     * Whether {@code host:port} is the VNC display of a running VM of a READY lab of this
     * platform (or of a GRADED lab whose VMs its trainer started again to inspect it): the only
     * targets the embedded console gateway connects to.
     */
    public boolean isLiveDisplay(String host, int port) {
        if (!LOOPBACK.contains(host) || port <= 0) return false;
        for (Lab lab : labs.live()) {
            if (lab.state() != LabState.READY && lab.state() != LabState.GRADED) continue;
            for (LabPlan.Node node : lab.plan().nodes()) {
                if (node.consoles().contains(ConsoleKind.VNC.id())
                        && hypervisor.vncPort(node.domain()).equals(OptionalInt.of(port))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");
}
