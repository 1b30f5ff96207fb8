package io.atelier.hypervisor;

import java.util.Set;

/** The names of the libvirt objects that carry this platform's prefix, as found right now. */
public record Inventory(Set<String> domains, Set<String> networks, Set<String> volumes) {
}
