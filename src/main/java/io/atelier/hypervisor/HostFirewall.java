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

    private volatile boolean announced;

    /** Installs the rules; throws with nft's message when it cannot (not root, no nftables). */
    public void apply() {
        try {
            Process nft = new ProcessBuilder("nft", "-f", "-").redirectErrorStream(true).start();
            nft.getOutputStream().write(RULES.getBytes(StandardCharsets.UTF_8));
            nft.getOutputStream().close();
            String output = new String(nft.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!nft.waitFor(30, TimeUnit.SECONDS) || nft.exitValue() != 0) {
                throw new HypervisorException("the host firewall rules (nft) could not be installed: " + output);
            }
            if (!announced) {
                LOG.info("Host firewall: lab nodes cannot open connections to the host (nftables table inet atelier)");
                announced = true;
            }
        } catch (IOException e) {
            throw new HypervisorException("the host firewall needs nftables (nft): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HypervisorException("interrupted while installing the host firewall", e);
        }
    }
}
