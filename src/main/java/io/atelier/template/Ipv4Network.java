package io.atelier.template;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 network such as 192.168.10.0/24, and the address arithmetic templates need:
 * is an address inside, is it the network or broadcast address, do two networks overlap.
 */
public record Ipv4Network(long address, int prefix) {

    private static final Pattern DOTTED = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** Parses a dotted-quad address; empty when the text is not one. */
    public static Optional<Long> parseAddress(String text) {
        var m = DOTTED.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return Optional.empty();
            }
            value = (value << 8) | octet;
        }
        return Optional.of(value);
    }

    /** Parses {@code a.b.c.d/n}; empty when malformed. Host bits may be set (see {@link #isNetworkAddress()}). */
    public static Optional<Ipv4Network> parse(String cidr) {
        if (cidr == null) {
            return Optional.empty();
        }
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String prefixText = cidr.substring(slash + 1);
        if (!prefixText.matches("\\d{1,2}")) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(prefixText);
        if (prefix > 32) {
            return Optional.empty();
        }
        return parseAddress(cidr.substring(0, slash)).map(a -> new Ipv4Network(a, prefix));
    }

    public static String format(long address) {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
    }

    private long mask() {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    public long networkAddress() {
        return address & mask();
    }

    public long broadcastAddress() {
        return networkAddress() | (~mask() & 0xFFFFFFFFL);
    }

    /** true when no host bit is set, as a network declaration requires. */
    public boolean isNetworkAddress() {
        return address == networkAddress();
    }

    public boolean contains(long other) {
        return (other & mask()) == networkAddress();
    }

    public boolean overlaps(Ipv4Network other) {
        return networkAddress() <= other.broadcastAddress() && other.networkAddress() <= broadcastAddress();
    }

    /** The canonical form of the network this address belongs to, e.g. 192.168.10.0/24. */
    public String networkText() {
        return format(networkAddress()) + "/" + prefix;
    }
}
