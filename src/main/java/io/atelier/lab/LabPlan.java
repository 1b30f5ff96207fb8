package io.atelier.lab;

import java.util.List;

/**
 * A template resolved for one lab: libvirt names, MAC and IP addresses, management slots,
 * setup scripts with the lab's parameters filled in. Stored with the lab, so provisioning
 * again (reset, restart after a crash) builds the same lab even if the template changed.
 */
public record LabPlan(List<Network> networks, List<Node> nodes) {

    public record Network(String name, String libvirtName, String bridge) {
    }

    public record Node(String name, String image, int memoryMiB, int cpus, String domain, String volume,
            int managementNumber, String managementIp, String managementMac, List<Nic> nics,
            List<String> consoles, String setupScript) {
    }

    /** {@code ip} is an address with prefix, {@code dhcp} or {@code none}; gateway may be null. */
    public record Nic(String network, String libvirtNetwork, String mac, String ip, String gateway) {
    }

    public int memoryMiB() {
        return nodes.stream().mapToInt(Node::memoryMiB).sum();
    }
}
