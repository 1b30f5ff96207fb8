package io.atelier.lab;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.atelier.hypervisor.ManagementNetwork;
import io.atelier.hypervisor.NetworkXml;
import io.atelier.template.Placeholders;
import io.atelier.template.TemplateSnapshot;
import io.atelier.template.TemplateSpec;

/**
 * Resolves a template for one lab: libvirt names ({@code atelier-<instance>-<lab>-<node>}),
 * a MAC per NIC (derived from the lab id, unique within the lab), the management slot of
 * each node, and the setup scripts and fault commands with {@code {{parameters}}} filled in.
 */
public final class LabPlanner {

    private LabPlanner() {
    }

    /**
     * @param prefix             {@code atelier-<instance>-}
     * @param managementNumbers  one free management slot per node, in the template's node order
     * @param setupScripts       node name → the setup script's text (already read from the template folder)
     * @param hostKeys           node name → the public SSH host key the platform generated for it
     * @param revision           the template's revision as the lab keeps it (read from the template folder;
     *                           its faults already those the lab drew, {@link FaultDraw#forLab})
     */
    public static LabPlan plan(TemplateSnapshot revision, UUID labId, String prefix, List<Integer> managementNumbers,
            ManagementNetwork management, Map<String, String> values, Map<String, String> setupScripts,
            Map<String, String> hostKeys) {
        TemplateSpec spec = revision.spec();
        List<LabPlan.Network> networks = new ArrayList<>();
        Map<String, LabPlan.Network> byName = new HashMap<>();
        Map<String, String> gateways = new HashMap<>();
        for (TemplateSpec.Network n : spec.networks()) {
            String libvirtName = prefix + labId + "-" + n.name();
            LabPlan.Network network = new LabPlan.Network(n.name(), libvirtName,
                    NetworkXml.bridgeName(NetworkXml.LAB_BRIDGE_PREFIX, libvirtName));
            networks.add(network);
            byName.put(n.name(), network);
            if (n.gateway() != null) gateways.put(n.name(), n.gateway());
        }
        Set<String> macs = new HashSet<>();
        List<LabPlan.Node> nodes = new ArrayList<>();
        for (int i = 0; i < spec.machines().size(); i++) {
            TemplateSpec.Node n = spec.machines().get(i);
            int slot = managementNumbers.get(i);
            List<LabPlan.Nic> nics = new ArrayList<>();
            for (int k = 0; k < n.nics().size(); k++) {
                TemplateSpec.Nic nic = n.nics().get(k);
                String mac = labMac(labId, n.name(), k, macs);
                String gateway = gateways.get(nic.network());
                boolean isGatewayItself = gateway != null && nic.ip().startsWith(gateway + "/");
                boolean staticAddress = nic.ip().contains("/");
                nics.add(new LabPlan.Nic(nic.network(), byName.get(nic.network()).libvirtName(), mac, nic.ip(),
                        staticAddress && !isGatewayItself ? gateway : null));
            }
            String script = setupScripts.get(n.name());
            nodes.add(new LabPlan.Node(n.name(), n.image(), n.memoryMiB(), n.cpus(), prefix + labId + "-" + n.name(),
                    labId + "-" + n.name() + ".qcow2", slot, management.nodeAddress(slot),
                    ManagementNetwork.nodeMac(slot), nics, n.consoles(),
                    script == null ? null : Placeholders.fill(script, values), hostKeys.get(n.name())));
        }
        List<LabPlan.Fault> faults = new ArrayList<>();
        for (TemplateSpec.Fault f : spec.faults()) {
            faults.add(new LabPlan.Fault(f.id(), f.on(), f.when(), Placeholders.fill(f.run(), values)));
            // each further step is a fault of the plan of its own, right after: recorded and
            // applied once per disk like any other (id "<fault>+<n>")
            for (int i = 0; i < f.also().size(); i++) {
                TemplateSpec.FaultStep step = f.also().get(i);
                faults.add(new LabPlan.Fault(f.id() + "+" + (i + 1), step.on(), f.when(), Placeholders.fill(step.run(), values)));
            }
        }
        return new LabPlan(networks, nodes, List.copyOf(faults), revision, true);
    }

    /** 52:54:01:xx:xx:xx from a hash of (lab, node, NIC index), re-hashed on the rare collision. */
    static String labMac(UUID labId, String node, int index, Set<String> taken) {
        for (int attempt = 0;; attempt++) {
            byte[] h = sha256(labId + "/" + node + "/" + index + "/" + attempt);
            String mac = String.format("52:54:01:%02x:%02x:%02x", h[0] & 0xff, h[1] & 0xff, h[2] & 0xff);
            if (taken.add(mac)) return mac;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
