package io.atelier.lab;

/**
 * The host's limits on labs with running VMs ({@code atelier.labs.max-running},
 * {@code max-memory-mib}), and the refusal a trainer reads when one more lab would exceed them.
 */
public record LabLimits(int maxRunning, int maxMemoryMib) {

    /** Thrown when one more lab would exceed a limit; the message says which and what to do. */
    public static final class OverLimitException extends RuntimeException {
        public OverLimitException(String message) {
            super(message);
        }
    }

    /** Checks that a lab of {@code memoryMib} fits beside {@code running} labs using {@code usedMib}. */
    public void check(int running, int usedMib, int memoryMib) {
        if (running + 1 > maxRunning) {
            throw new OverLimitException("This host already runs " + running + " labs, its limit "
                    + "(atelier.labs.max-running = " + maxRunning + "); stop or delete a lab first.");
        }
        if (usedMib + memoryMib > maxMemoryMib) {
            throw new OverLimitException("This lab needs " + memoryMib + " MiB of memory but only "
                    + Math.max(0, maxMemoryMib - usedMib) + " MiB are left for labs on this host "
                    + "(atelier.labs.max-memory-mib = " + maxMemoryMib + "); stop or delete a lab first.");
        }
    }
}
