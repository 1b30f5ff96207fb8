package io.atelier.check;

/**
 * Whether a command's output meets a check's expectation, and in plain words why not (kept
 * as evidence for trainers and validators; trainees see the check's feedback instead).
 */
public record Evaluation(boolean passed, String reason) {

    static Evaluation pass() {
        return new Evaluation(true, null);
    }

    static Evaluation fail(String reason) {
        return new Evaluation(false, reason);
    }
}
