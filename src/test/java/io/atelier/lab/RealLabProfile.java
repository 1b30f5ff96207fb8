package io.atelier.lab;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Real labs: libvirt's system instance, QEMU under TCG (or KVM where it works), the images
 * built by {@code ./atelier images build}, the host firewall, new nodes restored from their
 * shape's booted snapshot as in production. The platform listens on every
 * address, so that "a node cannot reach the platform" is tested against an open port.
 */
public class RealLabProfile implements QuarkusTestProfile {

    public static final String INSTANCE = "systest";
    static final String HOST = "10.215.0.1";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("atelier.templates.dir", TestLabTemplates.prepare("real-lab-templates").toString()),
                Map.entry("atelier.hypervisor.uri", "qemu:///system"),
                Map.entry("atelier.hypervisor.accel", "auto"),
                Map.entry("atelier.hypervisor.instance", INSTANCE),
                Map.entry("atelier.hypervisor.firewall", "true"),
                Map.entry("atelier.hypervisor.management-cidr", "10.215.0.0/24"),
                Map.entry("atelier.hypervisor.disks-dir", "/var/lib/atelier/disks"),
                Map.entry("atelier.images.dir", "/var/lib/atelier/images"),
                Map.entry("atelier.labs.ready-timeout", "PT7M"),
                Map.entry("atelier.snapshots.enabled", "true"),
                Map.entry("quarkus.http.test-host", "0.0.0.0"),
                Map.entry("quarkus.http.host", "0.0.0.0"));
    }
}
