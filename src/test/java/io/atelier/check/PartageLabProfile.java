package io.atelier.check;

import java.util.HashMap;
import java.util.Map;

import io.atelier.lab.RealLabProfile;

/**
 * Real labs as {@link RealLabProfile}, under a libvirt instance and management network of
 * their own: another real-VM test running at the same time on this host (another worktree)
 * does not see these VMs as orphans of its own instance, nor take their addresses. Ranges
 * taken: 10.213/16 (default), 10.214 (API tests), 10.215 (real labs), 10.216 (LabCrashIT),
 * 10.217 (this one): two management networks on one subnet cannot both be up.
 */
public class PartageLabProfile extends RealLabProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("atelier.hypervisor.instance", "partage");
        config.put("atelier.hypervisor.management-cidr", "10.217.0.0/24");
        return config;
    }
}
