package io.atelier.lab;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.atelier.template.Placeholders;
import io.atelier.template.TemplateSnapshot;
import io.atelier.template.TemplateSpec;

/**
 * A mock of the steps' runner, for libvirt's test driver whose VMs never boot (so no script
 * can run there): it records each step with its script as the node would have received it
 * (the lab's revision, placeholders filled), fails the script named in {@link #failing}, and
 * waits at {@link #gate} when one is set. Enabled only by {@link CatchUpMockProfile}; the
 * real runner is exercised on real VMs by CatchUpRealTest and the prover's tests.
 */
@Alternative
@ApplicationScoped
public class MockTemplateSteps extends TemplateSteps {

    /** One step run: lab, node, script file and the script's text. */
    public record Ran(String lab, String node, String script, String text) {
    }

    public static final List<Ran> RAN = new CopyOnWriteArrayList<>();
    /** The script file whose run fails, with an error on stderr; null: every script succeeds. */
    public static volatile String failing;
    /** When set: a step counts {@link #entered} down, then waits until the gate opens. */
    public static volatile CountDownLatch gate;
    public static volatile CountDownLatch entered;

    @Override
    public void run(Lab lab, TemplateSnapshot revision, TemplateSpec.Step step, Duration timeout) throws StepFailed {
        String text = Placeholders.fill(revision.file(step.script()), lab.placeholderValues());
        RAN.add(new Ran(lab.id().toString(), step.on(), step.script(), text));
        CountDownLatch g = gate;
        if (g != null) {
            entered.countDown();
            try {
                if (!g.await(60, TimeUnit.SECONDS)) throw new StepFailed(step.script(), "the test never opened the gate");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (step.script().equals(failing)) {
            throw new StepFailed(step.script(), "script " + step.script() + " failed on " + step.on()
                    + " (exit 2): mv: cannot stat '/etc/atelier-mot.ancien': No such file or directory");
        }
    }

    public static List<Ran> ranOn(String lab) {
        return RAN.stream().filter(r -> r.lab().equals(lab)).toList();
    }
}
