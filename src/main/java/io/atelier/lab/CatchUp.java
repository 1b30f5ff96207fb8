package io.atelier.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.atelier.api.RequestRefused;
import io.atelier.template.TemplateSnapshot;
import io.atelier.template.TemplateSpec;

/**
 * A trainer brings a trainee's lab to the start of a task: the solutions of the tasks before
 * it, in the template's order (the revision the lab was built from), run as root on their
 * nodes; a task with faults is started first as the platform does for a trainee, so that its
 * solution meets the state it expects. Each task applied is recorded as given
 * ({@link TaskGivenStore}: the grid marks what only it evidences "given by the trainer") and
 * the lab's events say who gave which tasks, or where it stopped. A task whose solution is on
 * the machines already is not applied again; one catch-up at a time per lab.
 */
@ApplicationScoped
public class CatchUp {

    static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);

    private final LabService labs;
    private final LabStore store;
    private final LabTemplates templates;
    private final TaskStarts taskStarts;
    private final TaskGivenStore given;
    private final TemplateSteps steps;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    public CatchUp(LabService labs, LabStore store, LabTemplates templates, TaskStarts taskStarts, TaskGivenStore given,
            TemplateSteps steps) {
        this.labs = labs;
        this.store = store;
        this.templates = templates;
        this.taskStarts = taskStarts;
        this.given = given;
        this.steps = steps;
    }

    /**
     * What a catch-up did: {@code given}, the tasks whose solution it applied, in order;
     * {@code alreadyGiven}, the earlier tasks whose solution was on the machines already.
     */
    public record CaughtUp(String task, List<String> given, List<String> alreadyGiven) {
    }

    /**
     * @throws RequestRefused 404 for an unknown task; 409 for the first task, an earlier task
     *                        without a solution, a lab not READY, a catch-up already running;
     *                        502 when a fault or a solution failed (the tasks applied before stay given)
     */
    public CaughtUp catchUp(UUID labId, String taskId, String actor) {
        Lab lab = labs.require(labId);
        TemplateSnapshot revision = templates.of(lab);
        List<TemplateSpec.Task> tasks = revision.spec().tasks();
        int index = tasks.stream().map(TemplateSpec.Task::id).toList().indexOf(taskId);
        if (index < 0) {
            throw RequestRefused.notFound("No task '" + taskId + "' in lab " + labId + "; its tasks are: "
                    + String.join(", ", tasks.stream().map(TemplateSpec.Task::id).toList()) + ".");
        }
        if (index == 0) {
            throw RequestRefused.conflict("Task " + taskId + " is the lab's first task: there is nothing to catch up before it.");
        }
        List<TemplateSpec.Task> earlier = tasks.subList(0, index);
        List<String> unsolved = earlier.stream().filter(t -> t.solution() == null).map(TemplateSpec.Task::id).toList();
        if (!unsolved.isEmpty()) {
            throw RequestRefused.conflict("The lab cannot be caught up to task " + taskId + ": task" + (unsolved.size() > 1 ? "s " : " ")
                    + String.join(", ", unsolved) + " of template " + lab.templateId() + " (version "
                    + revision.spec().version() + ") " + (unsolved.size() > 1 ? "have" : "has") + " no solution.");
        }
        if (!running.add(labId)) {
            throw RequestRefused.conflict("The lab is being caught up already; wait until it is done.");
        }
        try {
            return apply(labId, taskId, revision, earlier, actor);
        } finally {
            running.remove(labId);
        }
    }

    private CaughtUp apply(UUID labId, String taskId, TemplateSnapshot revision, List<TemplateSpec.Task> earlier,
            String actor) {
        LabState state = labs.require(labId).state();
        if (state != LabState.READY) {
            throw RequestRefused.conflict("The lab is " + state + ", not READY: its machines can be caught up once it is ready.");
        }
        Set<String> onTheMachines = given.onTheMachines(labId);
        List<String> done = new ArrayList<>();
        List<String> already = new ArrayList<>();
        for (TemplateSpec.Task task : earlier) {
            if (onTheMachines.contains(task.id())) {
                already.add(task.id());
                continue;
            }
            Lab lab = labs.require(labId);
            if (lab.state() != LabState.READY) {
                String refusal = "The lab is " + lab.state() + ", not READY: its machines can be caught up once it is ready.";
                if (!done.isEmpty()) stopped(lab, taskId, task.id(), refusal, done, actor);
                throw RequestRefused.conflict(refusal);
            }
            try {
                if (!lab.plan().faultsOf(task.id()).isEmpty()) taskStarts.start(labId, task.id(), actor);
                // the task's solution, then the repair of each fault the lab drew for it
                for (TemplateSpec.Step step : revision.spec().solutionSteps(task.id())) {
                    steps.run(lab, revision, step, SCRIPT_TIMEOUT);
                }
            } catch (Provisioner.FaultException e) {
                throw failed(lab, taskId, task.id(), "task " + task.id() + " could not start: " + e.getMessage(), done, actor);
            } catch (TemplateSteps.StepFailed e) {
                throw failed(lab, taskId, task.id(), e.getMessage(), done, actor);
            } catch (RequestRefused e) {
                stopped(lab, taskId, task.id(), e.getMessage(), done, actor);
                throw e;
            }
            given.record(labId, task.id(), taskId, actor);
            done.add(task.id());
        }
        Lab lab = labs.require(labId);
        store.note(labId, lab.state(), "caught up to task " + taskId + ": " + (done.isEmpty() ? "no task given"
                : "task(s) " + String.join(", ", done) + " given by the trainer")
                + (already.isEmpty() ? "" : " (already given: " + String.join(", ", already) + ")"), actor);
        return new CaughtUp(taskId, List.copyOf(done), List.copyOf(already));
    }

    private RequestRefused failed(Lab lab, String target, String task, String cause, List<String> done, String actor) {
        stopped(lab, target, task, cause, done, actor);
        return new RequestRefused(502, "Catching up to task " + target + " stopped at task " + task + ": " + cause + ". "
                + (done.isEmpty() ? "No task was given" : "Task(s) " + String.join(", ", done) + " were given")
                + "; the lab stays usable. Fix the cause and catch up again: a task given is not applied twice.");
    }

    private void stopped(Lab lab, String target, String task, String cause, List<String> done, String actor) {
        store.note(lab.id(), labs.require(lab.id()).state(), "catch-up to task " + target + " failed at task " + task + ": "
                + cause + (done.isEmpty() ? "" : " (task(s) " + String.join(", ", done) + " given before)"), actor);
    }
}
