package io.atelier.lab;

import io.atelier.api.RequestRefused;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Starting a task: the first start applies the task's faults on the live machines (in
 * template order), then records when it happened; every later start applies nothing and
 * answers the same time. A fault that fails leaves the task not started, so it can be tried
 * again. Starts of one lab are serialized in this process; the table's key settles the rest.
 */
@ApplicationScoped
public class TaskStarts {

    private final LabService labs;
    private final LabStore store;
    private final TaskStartStore starts;
    private final Provisioner provisioner;
    private final Map<UUID, Object> locks = new ConcurrentHashMap<>();

    public TaskStarts(LabService labs, LabStore store, TaskStartStore starts, Provisioner provisioner) {
        this.labs = labs;
        this.store = store;
        this.starts = starts;
        this.provisioner = provisioner;
    }

    /** The answer of a start: when the task started and how many faults this call applied. */
    public record Started(String task, Instant startedAt, int faultsApplied) {
    }

    /**
     * When the platform recorded the start of each started task of the lab (task id → time):
     * what a check's {@code {{task_started_at}}} stands for, never a file on the node.
     */
    public Map<String, Instant> startedAt(UUID labId) {
        Map<String, Instant> at = new HashMap<>();
        starts.of(List.of(labId)).getOrDefault(labId, Map.of()).forEach((task, s) -> at.put(task, s.startedAt()));
        return at;
    }

    /**
     * @throws RequestRefused 409 when the lab is not READY
     * @throws Provisioner.FaultException     when a fault could not be applied (nothing recorded)
     */
    public Started start(UUID labId, String taskId, String actor) throws Provisioner.FaultException {
        synchronized (locks.computeIfAbsent(labId, k -> new Object())) {
            Optional<TaskStartStore.TaskStart> earlier = starts.find(labId, taskId);
            if (earlier.isPresent()) return new Started(taskId, earlier.get().startedAt(), 0);
            Lab lab = labs.require(labId);
            if (lab.state() != LabState.READY) {
                throw new RequestRefused(409, "The lab is " + lab.state()
                        + ", not READY: a task can be started once the lab is ready.");
            }
            int applied = 0;
            for (LabPlan.Fault fault : lab.plan().faultsOf(taskId)) {
                provisioner.applyFault(lab, fault);
                applied++;
            }
            TaskStartStore.TaskStart start = starts.record(
                    new TaskStartStore.TaskStart(labId, taskId, Instant.now(), actor, applied));
            store.note(labId, lab.state(), "task " + taskId + " started (" + applied + " fault(s) applied)", actor);
            return new Started(taskId, start.startedAt(), applied);
        }
    }
}
