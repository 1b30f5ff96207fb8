package io.atelier.hypervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * The host's nftables table {@code inet atelier}: a node may answer the platform, never
 * open a connection to the host. Packets arriving from a lab bridge ({@code atl-*}) or the
 * management bridge ({@code atm-*}) are accepted only when they belong to a connection the
 * host opened; nothing is routed between these bridges and any other interface. (Where
br_netfilter is loaded, frames bridged between two nodes of one lab also pass the forward
hook, with the bridge as both input and output: they are let through.) The table is replaced as a
 * whole (one {@code nft -f} transaction), so applying it twice is harmless. nftables
 * evaluates every base chain of a hook, so libvirt's own accept rules do not bypass it.
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
            """;

    /** What the installed table must hold: a base chain on each hook, dropping what lab bridges open. */
    private static final String[] EXPECTED = { "hook input", "hook forward", "iifname \"atl-*\"", "iifname \"atm-*\"" };

    private final HypervisorConfig config;
    private volatile boolean announced;

    public HostFirewall(HypervisorConfig config) {
        this.config = config;
    }

    /** Installs the rules; throws with nft's message when it cannot (not root, no nftables). */
    public void apply() {
        String output = nft(RULES, "-f", "-");
        if (!announced) {
            LOG.info("Host firewall: lab nodes cannot open connections to the host (nftables table inet atelier)");
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
