package io.atelier.lab;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.atelier.node.NodeRunner;
import io.atelier.node.NodeShell;
import io.atelier.template.Placeholders;
import io.atelier.template.TemplateSnapshot;
import io.atelier.template.TemplateSpec;

/**
 * Runs one step of a lab's template revision on one of its nodes: the step's script (a file
 * of the revision the lab was built from), its placeholders filled with the lab's values, as
 * root over the platform's SSH, or through the node's guest agent when no SSH session opens
 * (a state that cut the platform's SSH: {@link NodeRunner}). The prover's stages and a trainer's
 * catch-up ({@link CatchUp}) run solutions through it; a test profile may replace the bean.
 */
@ApplicationScoped
public class TemplateSteps {

    @Inject
    NodeRunner runner;

    /** A step that could not run or did not succeed: the message names the script, the node and the output's tail. */
    public static final class StepFailed extends Exception {
        private final String script;

        public StepFailed(String script, String message) {
            super(message);
            this.script = script;
        }

        public String script() {
            return script;
        }
    }

    /** Runs {@code step} on its node of {@code lab} and returns when it succeeded. */
    public void run(Lab lab, TemplateSnapshot revision, TemplateSpec.Step step, Duration timeout) throws StepFailed {
        LabPlan.Node node = lab.plan().nodes().stream().filter(n -> n.name().equals(step.on())).findFirst()
                .orElseThrow(() -> new StepFailed(step.script(), "no node " + step.on() + " in the lab"));
        Map<String, String> values = lab.placeholderValues();
        String script = Placeholders.fill(revision.file(step.script()), values);
        NodeShell.Result r;
        try {
            r = runner.asRoot(node, lab.sshPrivateKey(), "sh -s", script, timeout);
        } catch (Exception e) {
            throw new StepFailed(step.script(), "script " + step.script() + " could not run on " + step.on() + ": "
                    + e.getMessage());
        }
        if (!r.ok()) {
            throw new StepFailed(step.script(), "script " + step.script() + " failed on " + step.on() + " (" + r.status()
                    + "): " + tail(r.stderr().isBlank() ? r.stdout() : r.stderr()));
        }
    }

    /** The last 400 characters of a script's output. */
    public static String tail(String text) {
        String t = text.strip();
        return t.length() > 400 ? "…" + t.substring(t.length() - 400) : t;
    }
}
