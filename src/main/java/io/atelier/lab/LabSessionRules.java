package io.atelier.lab;

import java.util.UUID;

/**
 * What a lab's session (if it has one) allows its trainee right now. The session feature
 * implements it; a lab outside any session is always open, with hints and no limit.
 */
public interface LabSessionRules {

    /** Why the trainee may not work on the lab now (session not started, paused or ended), or null. */
    String closed(UUID lab);

    /** Why one more verification is refused after {@code done} of them (an exam's limit), or null. */
    String verificationRefused(UUID lab, int done);

    /** True when the lab belongs to a session: its trainer, not its trainee, stops, resets or deletes it. */
    boolean inSession(UUID lab);

    /** True when the lab's session is an exam: hints are not shown. */
    boolean hintsHidden(UUID lab);

    /**
     * Why {@code trainee} may not use a practice lab of {@code templateId} now (they take an
     * exam on that template: planned, running or paused), or null. Applies to starting one
     * and to working on one already started.
     */
    String practiceClosed(String trainee, String templateId);

    /** True while the lab's time does not run (its session is planned or paused): its deadline must not submit it. */
    boolean submissionHeld(UUID lab);
}
