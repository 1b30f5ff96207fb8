package io.atelier.hypervisor;

import static io.atelier.hypervisor.Xml.escape;

import java.nio.file.Path;

/** libvirt storage documents: the platform's directory pool and per-node qcow2 overlays. */
public final class StorageXml {

    private StorageXml() {
    }

    public static String pool(String name, Path folder) {
        return "<pool type='dir'>\n"
                + "  <name>" + escape(name) + "</name>\n"
                + "  <target><path>" + escape(folder.toString()) + "</path>"
                + "<permissions><mode>0755</mode></permissions></target>\n"
                + "</pool>\n";
    }

    /** A copy-on-write disk on {@code base}: creating it copies nothing (O(1)). */
    public static String overlay(String name, Path base, long capacityBytes) {
        return "<volume type='file'>\n"
                + "  <name>" + escape(name) + "</name>\n"
                + "  <capacity unit='bytes'>" + capacityBytes + "</capacity>\n"
                + "  <target><format type='qcow2'/><permissions><mode>0600</mode></permissions></target>\n"
                + "  <backingStore><path>" + escape(base.toString()) + "</path><format type='qcow2'/></backingStore>\n"
                + "</volume>\n";
    }
}
