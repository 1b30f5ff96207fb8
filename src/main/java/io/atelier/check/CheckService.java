package io.atelier.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.atelier.hypervisor.Hypervisor;
import io.atelier.lab.Lab;
import io.atelier.lab.LabExaminers;
import io.atelier.lab.LabPlan;
import io.atelier.template.TemplateSpec;

/**
 * Runs checks on a lab's live machines: SSH first, the guest agent when SSH cannot reach a node;
 * on the examiner on the host ({@link LabExaminers}) in its namespaces.
 */
@ApplicationScoped
public class CheckService {

    private static final Logger LOG = Logger.getLogger(CheckService.class);

    /** Checks of one lab running at once. */
    static final int PARALLELISM = 4;

    @Inject
    Hypervisor hypervisor;
    @Inject
    LabExaminers examiners;

    public List<CheckResult> run(Lab lab, List<TemplateSpec.Check> checks) {
        Map<String, LabPlan.Node> nodes = new HashMap<>();
        lab.plan().nodes().forEach(n -> nodes.put(n.name(), n));
        Map<String, SshTransport> ssh = new HashMap<>();
        Map<String, List<Transport>> transports = new HashMap<>();
        try {
            examiners.of(lab).ifPresent(examiner -> transports.put(TemplateSpec.EXAMINER,
                    List.of(new HostExaminerTransport(examiner))));
        } catch (IllegalStateException e) { // its checks are then errors saying no transport reached it
            LOG.warnf("Lab %s: %s", lab.id(), e.getMessage());
        }
        for (LabPlan.Node node : lab.plan().vms()) {
            SshTransport session = new SshTransport(node, lab.sshPrivateKey());
            ssh.put(node.name(), session);
            transports.put(node.name(), List.of(session, new GuestAgentTransport(hypervisor, node.domain())));
        }
        try {
            return CheckEngine.run(checks, node -> transports.getOrDefault(node, List.of()), host -> labAddress(nodes, host),
                    PARALLELISM);
        } finally {
            ssh.values().forEach(SshTransport::close);
        }
    }

    /** A node name becomes its first lab address; anything else is taken as an address already. */
    private static String labAddress(Map<String, LabPlan.Node> nodes, String host) {
        LabPlan.Node node = nodes.get(host);
        if (node == null) return host;
        return node.nics().stream().map(LabPlan.Nic::ip).filter(ip -> ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+(/\\d+)?"))
                .map(ip -> ip.replaceFirst("/\\d+$", "")).findFirst().orElse(host);
    }
}
