package io.atelier.lab;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The text a node reads at first boot from fw_cfg {@code opt/io.atelier/config}: one
 * {@code key=value} per line (the guest side is {@code infra/images/debian-base}, see
 * {@code infra/images/README.md}): hostname, the platform's key for the {@code atelier}
 * account, the trainee's account, the management NIC and the lab NICs, matched by MAC, and
 * the SSH host key the platform generated for the node (base64 of its PEM text). For the
 * examiner's node only, each lab NIC after the first also gets a line {@code netns=<mac>
 * <network>}: the image {@code debian-examiner} moves that NIC, at every boot, alone into a
 * network namespace named after its lab network, so that its probes on two networks cannot
 * reach each other inside the examiner.
 */
public final class FirstBootConfig {

    private FirstBootConfig() {
    }

    /** @param hostKey the node's SSH host private key (PEM), or null: the node then makes its own */
    public static String of(Lab lab, LabPlan.Node node, int managementPrefix, String hostKey) {
        return of(lab, node, managementPrefix, hostKey, true);
    }

    /**
     * A node restored from its shape's snapshot: without its host key and its trainee's
     * account, which its identity gives it through the guest agent, ready-made (the public half
     * of the key, the password's hash): {@code ssh-keygen} and {@code chpasswd} cost a TCG guest
     * about a second.
     */
    public static String restored(Lab lab, LabPlan.Node node, int managementPrefix) {
        return of(lab, node, managementPrefix, null, false);
    }

    private static String of(Lab lab, LabPlan.Node node, int managementPrefix, String hostKey, boolean account) {
        StringBuilder out = new StringBuilder(1024);
        line(out, "hostname", node.name());
        line(out, "admin_key", lab.sshPublicKey());
        if (account && !node.platformOwned() && !lab.pooled()) { // the examiner's node has no trainee account, a pooled lab none yet
            line(out, "trainee", lab.trainee());
            line(out, "trainee_password", lab.traineePassword());
        }
        line(out, "mgmt", node.managementMac() + " " + node.managementIp() + "/" + managementPrefix);
        for (LabPlan.Nic nic : node.nics()) {
            line(out, "nic", nic.mac() + " " + nic.ip() + (nic.gateway() == null ? "" : " " + nic.gateway()));
        }
        if (node.platformOwned()) { // the examiner's first lab NIC stays in its main namespace
            for (LabPlan.Nic nic : node.nics().subList(Math.min(1, node.nics().size()), node.nics().size())) {
                line(out, "netns", nic.mac() + " " + nic.network());
            }
        }
        if (hostKey != null) {
            line(out, "host_key", Base64.getEncoder().encodeToString(hostKey.getBytes(StandardCharsets.US_ASCII)));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String key, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("first-boot value of " + key + " spans lines");
        }
        out.append(key).append('=').append(value).append('\n');
    }
}
