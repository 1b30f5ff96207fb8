package io.atelier.lab;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a lab (DESIGN.md "Lab lifecycle"): {@code REQUESTED → PROVISIONING →
 * READY → SUBMITTED → GRADED → DESTROYED}, with {@code STOPPED} (VMs powered off, disks
 * kept), {@code FAILED} (with a reason) and {@code EXPIRED}. {@code PROVISIONING} covers
 * every way to READY: first boot, start after stop, and reset. DESTROYED and EXPIRED are
 * final and own no VM.
 */
public enum LabState {
    REQUESTED, PROVISIONING, READY, STOPPED, SUBMITTED, GRADED, FAILED, DESTROYED, EXPIRED;

    /** States whose VMs and disks exist and must exist (a missing VM makes the lab FAILED). */
    public static final Set<LabState> SETTLED = EnumSet.of(READY, STOPPED, SUBMITTED, GRADED);

    public boolean isFinal() {
        return this == DESTROYED || this == EXPIRED;
    }

    public boolean canMoveTo(LabState next) {
        if (isFinal()) return false;
        if (next == DESTROYED || next == EXPIRED) return true;
        return switch (this) {
            case REQUESTED -> next == PROVISIONING || next == FAILED;
            case PROVISIONING -> next == READY || next == FAILED;
            case READY -> next == STOPPED || next == PROVISIONING || next == SUBMITTED || next == FAILED;
            case STOPPED -> next == PROVISIONING || next == FAILED;
            case FAILED -> next == PROVISIONING;
            case SUBMITTED -> next == GRADED || next == FAILED;
            case GRADED, DESTROYED, EXPIRED -> false;
        };
    }
}
