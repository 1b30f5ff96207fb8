package io.atelier.lab;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a lab (DESIGN.md "Lab lifecycle"): {@code REQUESTED → PROVISIONING →
 * READY → SUBMITTED → GRADED → DESTROYED}, with {@code STOPPED} (VMs powered off, disks
 * kept), {@code FAILED} (with a reason) and {@code EXPIRED}. {@code PROVISIONING} covers
 * every way to READY: first boot, start after stop, and reset. DESTROYED and EXPIRED are
 * final and own no VM.
 * <p>
 * A hot pool's lab (issue 14: no trainee yet) ends its provisioning in {@code POOLED}: its
 * machines run, restored and identified, without setup scripts; a claim moves it to
 * PROVISIONING with its trainee (one compare-and-set, {@link LabStore#insertAll}), which then
 * gives it the trainee's account and runs its setup scripts until READY.
 */
public enum LabState {
    REQUESTED, PROVISIONING, POOLED, READY, STOPPED, SUBMITTED, GRADED, FAILED, DESTROYED, EXPIRED;

    /** States whose VMs and disks exist and must exist (a missing VM makes the lab FAILED). */
    public static final Set<LabState> SETTLED = EnumSet.of(POOLED, READY, STOPPED, SUBMITTED, GRADED);

    public boolean isFinal() {
        return this == DESTROYED || this == EXPIRED;
    }

    public boolean canMoveTo(LabState next) {
        if (isFinal()) return false;
        if (next == DESTROYED || next == EXPIRED) return true;
        return switch (this) {
            case REQUESTED -> next == PROVISIONING || next == FAILED;
            case PROVISIONING -> next == READY || next == POOLED || next == FAILED;
            case POOLED -> next == PROVISIONING || next == FAILED;
            case READY -> next == STOPPED || next == PROVISIONING || next == SUBMITTED || next == FAILED;
            case STOPPED -> next == PROVISIONING || next == FAILED;
            case FAILED -> next == PROVISIONING;
            case SUBMITTED -> next == GRADED || next == FAILED;
            case GRADED, DESTROYED, EXPIRED -> false;
        };
    }
}
