package io.atelier.hypervisor;

import static io.atelier.hypervisor.Xml.escape;

/**
 * libvirt network documents. A lab network has no host address, no forwarding and no DNS:
 * only the lab's nodes are on it. The management network gives the host one address, and
 * its ports are isolated from each other, so a node reaches no other node through it.
 * Bridge names start with {@code atl-} (lab) or {@code atm-} (management): the host
 * firewall matches them by prefix.
 */
public final class NetworkXml {

    public static final String LAB_BRIDGE_PREFIX = "atl-";
    public static final String MANAGEMENT_BRIDGE_PREFIX = "atm-";

    private NetworkXml() {
    }

    public static String lab(String name, String bridge) {
        return "<network>\n"
                + "  <name>" + escape(name) + "</name>\n"
                + "  <bridge name='" + escape(bridge) + "' stp='off' delay='0'/>\n"
                + "  <dns enable='no'/>\n"
                + "</network>\n";
    }

    public static String management(String name, String bridge, String hostAddress, int prefix) {
        return "<network>\n"
                + "  <name>" + escape(name) + "</name>\n"
                + "  <bridge name='" + escape(bridge) + "' stp='off' delay='0'/>\n"
                + "  <port isolated='yes'/>\n"
                + "  <dns enable='no'/>\n"
                + "  <ip address='" + escape(hostAddress) + "' prefix='" + prefix + "'/>\n"
                + "</network>\n";
    }

    /** A bridge name (at most 15 characters) derived from a network's unique name. */
    public static String bridgeName(String prefix, String uniqueName) {
        return prefix + String.format("%08x", uniqueName.hashCode());
    }
}
