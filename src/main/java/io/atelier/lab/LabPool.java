package io.atelier.lab;

import java.util.List;
import java.util.UUID;

/**
 * What a lab request asks of the hot pools (issue 14): the lab feature declares it, {@code
 * pool/} implements it (as {@link LabSessionRules} for sessions). A pooled lab is a lab with
 * no trainee yet ({@link Lab#pooled}), made and removed by the pool through {@link LabService}.
 */
public interface LabPool {

    /** Up to {@code count} pooled labs of the template that a request may claim now, the longest waiting first. */
    List<Lab> claimable(String templateId, int count);

    /**
     * Removes pooled labs so that {@code labs} more labs of {@code memoryMib} in all fit in the
     * host's limits; false when there was nothing to remove or removing all would not do.
     */
    boolean giveWay(int labs, int memoryMib);

    /** These pooled labs were claimed: the pools make new ones (never in the caller's thread). */
    void claimed(List<UUID> labs);
}
