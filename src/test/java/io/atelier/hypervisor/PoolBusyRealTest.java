package io.atelier.hypervisor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.StoragePool;

/**
 * The platform's pool on the host's real libvirt while a volume is being built in it: libvirt
 * refuses to reread a pool then ("pool … has asynchronous jobs running"), which once failed a
 * lab's deletion (the shipped firewall's proof, CI on f44c635) beside another lab's disks being
 * made. A pool of its own, in a folder of its own: nothing of the platform's.
 */
class PoolBusyRealTest {

    private final String instance = "pooltest-" + UUID.randomUUID().toString().substring(0, 8);
    private Path folder;
    private LibvirtConnection libvirt;
    private Hypervisor hypervisor;

    @BeforeEach
    void pool() throws Exception {
        folder = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pool-busy-");
        libvirt = new LibvirtConnection("qemu:///system", "libvirt-pooltest-", 4, Integer.MAX_VALUE, false);
        hypervisor = new Hypervisor(libvirt, config(folder, instance), null, null, () -> folder);
        hypervisor.ensurePool();
    }

    @AfterEach
    void removePool() throws Exception {
        try {
            libvirt.call("remove the test pool", c -> {
                StoragePool pool = c.storagePoolLookupByName(hypervisor.poolName());
                if (pool.isActive() != 0) pool.destroy();
                pool.undefine();
                return null;
            });
        } finally {
            libvirt.close();
            try (var files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void aDiskIsRemovedWhileAnotherIsBeingBuiltInThePool() throws Exception {
        // a disk worth copying (not sparse: libvirt skips holes), the gone lab's disk beside it
        Path big = hypervisor.volumePath("big.raw");
        byte[] block = new byte[1 << 20];
        Arrays.fill(block, (byte) 1);
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 768; i++) out.write(block);
        }
        Files.write(hypervisor.volumePath("gone.raw"), block);
        hypervisor.inventory();

        // a build in the pool (libvirt counts it as an asynchronous job until the copy is done)
        CompletableFuture<Void> build = CompletableFuture.runAsync(() -> libvirt.call("clone big.raw", c -> {
            StoragePool pool = c.storagePoolLookupByName(hypervisor.poolName());
            pool.storageVolCreateXMLFrom("<volume><name>copy.raw</name><capacity unit='M'>768</capacity>"
                    + "<target><format type='raw'/></target></volume>", pool.storageVolLookupByName("big.raw"), 0);
            return null;
        }));
        while (!Files.exists(hypervisor.volumePath("copy.raw")) && !build.isDone()) Thread.sleep(5);
        assertFalse(build.isDone(), "the copy ended before the removal could meet it: make the disk bigger");

        hypervisor.removeVolume("gone.raw");

        assertFalse(hypervisor.volumeExists("gone.raw"), "the gone lab's disk is still in the pool");
        build.get(2, TimeUnit.MINUTES);
        assertTrue(hypervisor.inventory().volumes().contains("copy.raw"), "the build beside it did not finish");
    }

    private static HypervisorConfig config(Path disks, String instance) {
        return new HypervisorConfig() {
            public String uri() {
                return "qemu:///system";
            }

            public String accel() {
                return "auto";
            }

            public String instance() {
                return instance;
            }

            public String managementCidr() {
                return "10.213.0.0/16";
            }

            public Path disksDir() {
                return disks;
            }

            public boolean firewall() {
                return false;
            }

            public String nft() {
                return "nft";
            }

            public OptionalInt cpuShares() {
                return OptionalInt.empty();
            }
        };
    }
}
