package io.atelier.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atelier.document.Text;
import io.atelier.template.TemplateSpec;

/**
 * What a trainee's "Vérifier" shows: per task, whether it passes, and for each check its
 * description, its verdict and, when it does not pass, its feedback. Never a command nor
 * its output, which would give the answer away.
 */
public record Verification(Instant at, int passedTasks, int totalTasks, List<TaskResult> tasks) {

    public record TaskResult(String id, Text title, boolean passed, List<CheckView> checks) {
    }

    /** {@code verdict}: PASS, FAIL, or ERROR when the platform could not verify (not the trainee's fault). */
    public record CheckView(String id, Text description, CheckResult.Verdict verdict, Text feedback) {
    }

    static final Text COULD_NOT_VERIFY = new Text("La plateforme n'a pas pu faire cette vérification ; réessayez dans un moment.",
            "The platform could not run this check; try again in a moment.");

    /**
     * The trainee's view of a run: tasks in the template's order with their titles filled in
     * ({@code values}), each passed when all its checks pass.
     */
    public static Verification of(CheckRun run, TemplateSpec spec, Map<String, String> values) {
        Map<String, List<CheckView>> byTask = new LinkedHashMap<>();
        Map<String, Boolean> passed = new LinkedHashMap<>();
        for (TemplateSpec.Task task : spec.tasks()) {
            byTask.put(task.id(), new ArrayList<>());
            passed.put(task.id(), true);
        }
        for (CheckRun.Result r : run.results()) {
            Text feedback = r.passed() ? null : r.verdict() == CheckResult.Verdict.ERROR ? COULD_NOT_VERIFY : r.feedback();
            byTask.computeIfAbsent(r.taskId(), t -> new ArrayList<>())
                    .add(new CheckView(r.checkId(), r.description(), r.verdict(), feedback));
            passed.merge(r.taskId(), r.passed(), Boolean::logicalAnd);
        }
        List<TaskResult> tasks = new ArrayList<>();
        int count = 0;
        for (Map.Entry<String, List<CheckView>> e : byTask.entrySet()) {
            Text title = spec.tasks().stream().filter(t -> t.id().equals(e.getKey())).findFirst()
                    .map(t -> CheckPlaceholders.fill(t.title(), values)).orElse(new Text(e.getKey(), null));
            boolean ok = passed.get(e.getKey());
            if (ok) count++;
            tasks.add(new TaskResult(e.getKey(), title, ok, e.getValue()));
        }
        return new Verification(run.startedAt(), count, tasks.size(), tasks);
    }
}
