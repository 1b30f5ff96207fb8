package io.atelier.hypervisor;

import jakarta.enterprise.context.ApplicationScoped;

import io.atelier.template.Ipv4Network;

/**
 * The host-only network through which the platform reaches every node (SSH, checks). The
 * host has the first address of {@code atelier.hypervisor.management-cidr}; node number
 * {@code n} (1, 2, …) gets the address after it, and a MAC address built from it, so no
 * two nodes of this platform share either.
 */
@ApplicationScoped
public class ManagementNetwork {

    private final Ipv4Network cidr;
    private final String name;

    public ManagementNetwork(HypervisorConfig config) {
        this.cidr = Ipv4Network.parse(config.managementCidr()).orElseThrow(() -> new IllegalArgumentException(
                "atelier.hypervisor.management-cidr is not an IPv4 network: " + config.managementCidr()));
        this.name = "atelier-" + config.instance() + "-mgmt";
    }

    public String name() {
        return name;
    }

    public String hostAddress() {
        return Ipv4Network.format(cidr.networkAddress() + 1);
    }

    public int prefix() {
        return cidr.prefix();
    }

    /** How many nodes fit: every address but the network, the host's and the broadcast. */
    public int capacity() {
        return (int) (cidr.broadcastAddress() - cidr.networkAddress() - 2);
    }

    /** The address of node number {@code n}, 1-based. */
    public String nodeAddress(int n) {
        if (n < 1 || n > capacity()) throw new IllegalArgumentException("no management address number " + n);
        return Ipv4Network.format(cidr.networkAddress() + 1 + n);
    }

    /** A locally administered MAC (52:54:00, QEMU's prefix) whose last 3 bytes are node number {@code n}. */
    public static String nodeMac(int n) {
        return String.format("52:54:00:%02x:%02x:%02x", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
    }

    public String bridge() {
        return NetworkXml.bridgeName(NetworkXml.MANAGEMENT_BRIDGE_PREFIX, name);
    }

    public String xml() {
        return NetworkXml.management(name, bridge(), hostAddress(), prefix());
    }
}
