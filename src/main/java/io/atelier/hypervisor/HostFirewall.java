package io.atelier.hypervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * The host's nftables rules for lab nodes, in two tables.
 * <p>
 * {@code inet atelier}: a node may answer the platform, never open a connection to the host.
 * Packets arriving from a lab bridge ({@code atl-*}) or the management bridge ({@code atm-*})
 * are accepted only when they belong to a connection the host opened; nothing is routed between
 * these bridges and any other interface. (Where br_netfilter is loaded, frames bridged between
 * two nodes of one lab also pass the forward hook, with the bridge as both input and output:
 * they are let through.) The table is replaced as a whole (one {@code nft -f} transaction), so
 * applying it twice is harmless. nftables evaluates every base chain of a hook, so libvirt's own
 * accept rules do not bypass it.
 * <p>
 * {@code bridge atelier}: a node's management NIC ({@link ManagementPort}, a tap named
 * {@code atp…}) may send only IPv4 and ARP from its own MAC and address. Frames entering a
 * bridge from an {@code atp} port are dropped in the bridge's prerouting hook, before the bridge
 * learns where a MAC lives, unless the port, their source MAC and their source address (for
 * ARP: the sender's MAC and address too) are a pinned triple of set {@code pinned}; a port not
 * pinned sends nothing. So a root trainee who takes another node's MAC and address poisons
 * neither the host's ARP table nor its bridge. {@link #pin} adds a port before its VM starts,
 * {@link #unpin} removes it with its VM. Platforms sharing the host share the table: applying
 * the rules replaces its chain in one transaction and keeps the set. (libvirt's nwfilter
 * {@code clean-traffic} did this before: it rewrote ebtables chains on every VM start, which
 * made restores slower, and once failed a start when two rewrites ran at once: "RULE_DELETE
 * failed".)
 */
@ApplicationScoped
public class HostFirewall {

    private static final Logger LOG = Logger.getLogger(HostFirewall.class);

    static final String RULES = """
            table inet atelier
            delete table inet atelier
            table inet atelier {
              chain input {
                type filter hook input priority filter - 5; policy accept;
                iifname "atl-*" ct state established,related accept
                iifname "atl-*" counter drop
                iifname "atm-*" ct state established,related accept
                iifname "atm-*" counter drop
              }
              chain forward {
                type filter hook forward priority filter - 5; policy accept;
                iifname "atl-*" oifname != "atl-*" counter drop
                oifname "atl-*" iifname != "atl-*" counter drop
                iifname "atm-*" oifname != "atm-*" counter drop
                oifname "atm-*" iifname != "atm-*" counter drop
              }
            }
            table bridge atelier {
              set pinned {
                type ifname . ether_addr . ipv4_addr
              }
              chain management {
                type filter hook prerouting priority -300; policy accept;
              }
            }
            flush chain bridge atelier management
            table bridge atelier {
              chain management {
                iifname != "atp*" accept
                ether type ip iifname . ether saddr . ip saddr @pinned accept
                ether type arp arp htype 1 arp ptype ip arp hlen 6 arp plen 4 iifname . ether saddr . arp saddr ip @pinned iifname . arp saddr ether . arp saddr ip @pinned accept
                counter drop
              }
            }
            """;

    /** What the installed tables must hold: a base chain on each hook, dropping what lab bridges open and unpinned ports send. */
    private static final String[] EXPECTED = { "hook input", "hook forward", "iifname \"atl-*\"", "iifname \"atm-*\"" };
    private static final String[] EXPECTED_BRIDGE = { "hook prerouting", "iifname != \"atp*\" accept", "@pinned accept",
            "drop" };

    private final HypervisorConfig config;
    private volatile boolean announced;

    public HostFirewall(HypervisorConfig config) {
        this.config = config;
    }

    /** Lets the port's frames from its MAC and address into the bridge (before its VM starts); adding it twice is harmless. */
    public void pin(ManagementPort port) {
        nft("add element bridge atelier pinned { " + element(port) + " }\n", "-f", "-");
    }

    /** Removes the port's pin (with its VM); nothing when it is not pinned. */
    public void unpin(ManagementPort port) {
        // added then deleted in one transaction: deleting a missing element would fail it
        String element = element(port);
        nft("add element bridge atelier pinned { " + element + " }\ndelete element bridge atelier pinned { " + element
                + " }\n", "-f", "-");
    }

    private static String element(ManagementPort port) {
        return "\"" + port.dev() + "\" . " + port.mac() + " . " + port.ip();
    }

    /** Installs the rules; throws with nft's message when it cannot (not root, no nftables). */
    public void apply() {
        String output = nft(RULES, "-f", "-");
        if (!announced) {
            LOG.info("Host firewall: lab nodes cannot open connections to the host (nftables table inet atelier) nor send from "
                    + "another MAC or address on their management NIC (table bridge atelier)");
            announced = true;
        }
        if (!output.isEmpty()) LOG.debugf("nft: %s", output);
    }

    /**
     * Installs the rules and reads them back from the kernel: provisioning calls it before
     * any VM starts, so that no lab runs without the host's protection. Throws with the
     * reason when the table cannot be installed or is not what it must be.
     */
    public void verify() {
        apply();
        String listed = nft(null, "list", "table", "inet", "atelier");
        for (String expected : EXPECTED) {
            if (!listed.contains(expected)) {
                throw new HypervisorException("the host firewall (nftables table inet atelier) is not in place: its rules "
                        + "lack " + expected);
            }
        }
        String bridge = nft(null, "list", "chain", "bridge", "atelier", "management");
        for (String expected : EXPECTED_BRIDGE) {
            if (!bridge.contains(expected)) {
                throw new HypervisorException("the host firewall (nftables table bridge atelier) is not in place: its rules "
                        + "lack " + expected);
            }
        }
    }

    private String nft(String input, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = config.nft();
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process nft = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (input != null) nft.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            nft.getOutputStream().close();
            String output = new String(nft.getInputStream().readNBytes(1 << 20), StandardCharsets.UTF_8).strip();
            if (!nft.waitFor(30, TimeUnit.SECONDS)) {
                nft.destroyForcibly();
                throw new HypervisorException("the host firewall (" + config.nft() + ") did not answer within 30 s");
            }
            if (nft.exitValue() != 0) {
                throw new HypervisorException("the host firewall rules (" + String.join(" ", command) + ") failed (exit "
                        + nft.exitValue() + "): " + output);
            }
            return output;
        } catch (IOException e) {
            throw new HypervisorException("the host firewall needs nftables (" + config.nft() + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HypervisorException("interrupted while installing the host firewall", e);
        }
    }
}
