package io.atelier.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.atelier.lab.Lab;
import io.atelier.template.TemplateSpec;

/**
 * Runs every check of a lab's template on its live machines, with the lab's parameters
 * filled in, and keeps the run: the one place both "Vérifier" and the final run go through.
 */
@ApplicationScoped
public class LabChecks {

    @Inject
    CheckService checks;

    @Inject
    CheckRunStore runs;

    /** Runs and stores all checks of {@code spec} on {@code lab}. */
    public CheckRun run(Lab lab, TemplateSpec spec, CheckRun.Kind kind, String actor) {
        Map<String, String> values = lab.placeholderValues();
        List<TemplateSpec.Check> all = new ArrayList<>();
        List<String> taskOf = new ArrayList<>();
        for (TemplateSpec.Task task : spec.tasks()) {
            for (TemplateSpec.Check check : task.checks()) {
                all.add(CheckPlaceholders.fill(check, values));
                taskOf.add(task.id());
            }
        }
        Instant started = Instant.now();
        List<CheckResult> outcomes = checks.run(lab, all);
        List<CheckRun.Result> results = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            TemplateSpec.Check check = all.get(i);
            CheckResult r = outcomes.get(i);
            results.add(new CheckRun.Result(check.id(), taskOf.get(i), check.criteria(), check.pointsOrDefault(),
                    check.description(), check.feedback(), r.verdict(), r.transport(), r.command(), r.exit(), r.output(),
                    r.reason(), r.at(), r.took() == null ? 0 : r.took().toMillis()));
        }
        CheckRun run = new CheckRun(UUID.randomUUID(), lab.id(), kind, actor, spec.version(), started, Instant.now(),
                results, null, true);
        return runs.save(run);
    }
}
