package io.atelier.lab;

import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether a fault must be applied to a lab's machines, decided by the platform's records
 * (table {@code fault_applied}) and never by a file the trainee could write first: they are
 * root on the fault's node. Each attempt to apply a fault is a row; it is marked applied when
 * its script succeeded, failed when it did not, and reset when the lab's disks were replaced.
 * <p>
 * The one window the records cannot close alone: the script ran, then the platform stopped
 * before marking the attempt (or heard no answer in time, and left it unmarked). The script's wrapper writes the attempt's nonce (random, made
 * by the platform when the attempt starts, never shown before) into the node's file
 * {@link #nodeFile}; an attempt left unmarked counts as applied only if that file holds its
 * nonce. A trainee cannot write a nonce before the platform makes it, so a file written
 * before the start decides nothing.
 */
public final class FaultRule {

    private FaultRule() {
    }

    /** What to do with a fault now. */
    public enum Decision {
        /** An attempt on the lab's current disks is marked applied: nothing to do. */
        ON_THE_DISKS,
        /** The last attempt was left unmarked and the node's file holds its nonce: the script ran; mark it applied. */
        APPLIED_BEFORE_A_RESTART,
        /** Run the script (a new attempt): never applied on these disks, failed, or not confirmed by its nonce. */
        APPLY
    }

    /** One attempt, as the platform recorded it. */
    public record Attempt(long id, String nonce, Instant appliedAt, Instant failedAt, Instant disksResetAt) {

        /** Made on the lab's current disks (no reset since). */
        public boolean onCurrentDisks() {
            return disksResetAt == null;
        }

        /** Neither marked applied nor failed: the platform stopped while it ran (or could not hear its end). */
        public boolean unmarked() {
            return appliedAt == null && failedAt == null;
        }
    }

    /** What the node's file says; read only when an attempt was left unmarked. */
    public interface NodeFile {
        /** The file's content, or empty when there is none. */
        Optional<String> read() throws IOException;
    }

    /** The node's file where the wrapper of a fault's script writes the attempt's nonce after the script succeeded. */
    public static String nodeFile(String faultId) {
        return "/var/lib/atelier/fault-" + faultId + ".applied";
    }

    /**
     * @param attempts every attempt of this fault on this lab, in any order (reset ones included)
     * @param node     the node's file {@link #nodeFile}, read only when the last attempt on the
     *                 current disks is unmarked
     */
    public static Decision decide(List<Attempt> attempts, NodeFile node) throws IOException {
        List<Attempt> current = attempts.stream().filter(Attempt::onCurrentDisks).toList();
        if (current.stream().anyMatch(a -> a.appliedAt() != null)) return Decision.ON_THE_DISKS;
        Optional<Attempt> unmarked = lastUnmarked(attempts);
        if (unmarked.isEmpty()) return Decision.APPLY;
        Optional<String> content = node.read();
        return content.isPresent() && content.get().strip().equals(unmarked.get().nonce())
                ? Decision.APPLIED_BEFORE_A_RESTART : Decision.APPLY;
    }

    /** The last attempt on the current disks when it was left unmarked (the one a restart interrupted). */
    public static Optional<Attempt> lastUnmarked(List<Attempt> attempts) {
        return attempts.stream().filter(Attempt::onCurrentDisks).max(Comparator.comparingLong(Attempt::id))
                .filter(Attempt::unmarked);
    }
}
