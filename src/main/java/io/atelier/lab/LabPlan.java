package io.atelier.lab;

import java.util.List;

import io.atelier.template.TemplateSnapshot;
import io.atelier.template.TemplateSpec;

/**
 * A template resolved for one lab: libvirt names, MAC and IP addresses, management slots,
 * setup scripts and faults with the lab's parameters filled in, and the template revision
 * itself ({@code template}: tasks, checks, thresholds, instructions), which the lab is shown,
 * checked and graded against. Stored with the lab, so provisioning again (reset, restart
 * after a crash) builds the same lab and a reload of the templates changes nothing for it.
 * Plans stored before faults existed read back with none; before the revision was kept, with
 * a null {@code template} (such labs follow the catalog's current revision).
 *
 * <p>{@code examinerOnHost}: the examiner's node is network namespaces on the host
 * ({@link io.atelier.node.HostExaminer}), not a VM; plans stored before read back false and
 * keep their examiner's VM.
 */
public record LabPlan(List<Network> networks, List<Node> nodes, List<Fault> faults, TemplateSnapshot template,
        boolean examinerOnHost) {

    public LabPlan {
        faults = faults == null ? List.of() : faults;
    }

    public LabPlan(List<Network> networks, List<Node> nodes, List<Fault> faults, TemplateSnapshot template) {
        this(networks, nodes, faults, template, false);
    }

    public LabPlan(List<Network> networks, List<Node> nodes, List<Fault> faults) {
        this(networks, nodes, faults, null);
    }

    public LabPlan(List<Network> networks, List<Node> nodes) {
        this(networks, nodes, List.of());
    }

    public record Network(String name, String libvirtName, String bridge) {
    }

    /**
     * {@code hostKey} is the public SSH host key the platform generated for the node
     * ({@code ecdsa-sha2-nistp256 AAAA… comment}), which its SSH clients pin; null in plans
     * stored before the platform generated host keys.
     */
    public record Node(String name, String image, int memoryMiB, int cpus, String domain, String volume,
            int managementNumber, String managementIp, String managementMac, List<Nic> nics,
            List<String> consoles, String setupScript, String hostKey) {

        public Node(String name, String image, int memoryMiB, int cpus, String domain, String volume,
                int managementNumber, String managementIp, String managementMac, List<Nic> nics,
                List<String> consoles, String setupScript) {
            this(name, image, memoryMiB, cpus, domain, volume, managementNumber, managementIp, managementMac, nics,
                    consoles, setupScript, null);
        }

        /** The examiner's node: the platform's, without a trainee account or console, not shown to the trainee. */
        public boolean platformOwned() {
            return TemplateSpec.EXAMINER.equals(name);
        }
    }

    /** {@code ip} is an address with prefix, {@code dhcp} or {@code none}; gateway may be null. */
    public record Nic(String network, String libvirtNetwork, String mac, String ip, String gateway) {
    }

    /**
     * A breakage of the scenario, run as root on {@code node}: at {@code when} = {@value #BOOT}
     * once the nodes are set up, or when the trainee starts the task whose id {@code when} is.
     */
    public record Fault(String id, String node, String when, String run) {
        public static final String BOOT = "boot";

        public boolean atBoot() {
            return BOOT.equals(when);
        }
    }

    /** The faults applied when the trainee starts this task, in template order. */
    public List<Fault> faultsOf(String taskId) {
        return faults.stream().filter(f -> f.when().equals(taskId)).toList();
    }

    /** The memory of the lab's VMs. */
    public int memoryMiB() {
        return vms().stream().mapToInt(Node::memoryMiB).sum();
    }

    /** The nodes that are VMs: all of them, but the examiner's when it is on the host. */
    public List<Node> vms() {
        return examinerOnHost ? traineeNodes() : nodes;
    }

    /** The examiner's node (its NICs, its addresses), when the template has one. */
    public java.util.Optional<Node> examiner() {
        return nodes.stream().filter(Node::platformOwned).findFirst();
    }

    /** The lab network named {@code libvirtName}. */
    public java.util.Optional<Network> network(String libvirtName) {
        return networks.stream().filter(n -> n.libvirtName().equals(libvirtName)).findFirst();
    }

    /** The nodes the trainee works on: every node but the examiner's. */
    public List<Node> traineeNodes() {
        return nodes.stream().filter(n -> !n.platformOwned()).toList();
    }
}
