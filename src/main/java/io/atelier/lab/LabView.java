package io.atelier.lab;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.atelier.document.Text;

/** A lab as the API shows it. Credentials and parameters are shown to the trainee and the staff. */
public record LabView(
        UUID id,
        String templateId,
        Text templateTitle,
        String trainee,
        String createdBy,
        LabState state,
        String reason,
        Instant createdAt,
        Instant readyAt,
        Instant expiresAt,
        Credentials credentials,
        Map<String, String> parameters,
        List<NodeView> nodes) {

    /** The trainee's account on every node of the lab. */
    public record Credentials(String user, String password) {
    }

    /**
     * One machine: its addresses on the lab networks and on the management network, the
     * consoles its template allows, and (in a single lab's view) whether its VM runs.
     */
    public record NodeView(String name, String image, Boolean running, String managementAddress,
            List<Address> addresses, List<String> consoles) {
    }

    public record Address(String network, String ip, String mac) {
    }

    static LabView of(Lab lab, Text title, Map<String, Boolean> running) {
        List<NodeView> nodes = lab.plan().nodes().stream().map(n -> new NodeView(n.name(), n.image(),
                running == null ? null : running.get(n.name()), n.managementIp(),
                n.nics().stream().map(nic -> new Address(nic.network(), nic.ip(), nic.mac())).toList(), n.consoles()))
                .toList();
        return new LabView(lab.id(), lab.templateId(), title, lab.trainee(), lab.createdBy(), lab.state(), lab.reason(),
                lab.createdAt(), lab.readyAt(), lab.expiresAt(), new Credentials(lab.trainee(), lab.traineePassword()),
                lab.parameters(), nodes);
    }
}
