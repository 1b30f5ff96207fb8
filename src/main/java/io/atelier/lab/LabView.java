package io.atelier.lab;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import io.atelier.document.Text;
import io.atelier.template.Placeholders;
import io.atelier.template.TemplateSpec;

/**
 * A lab as the API shows it. Parameters are shown to whoever sees the lab, except the
 * template's hidden ones (for the platform's scripts and checks: a password only the examiner
 * tries), shown only to the trainer who launched the lab and admins; the trainee's password
 * only to the trainee, that trainer and admins (a validator sees the user name, and
 * {@code null} for the password). {@code rebootsAtSubmission}: the
 * final run reboots the lab (checks {@code after: reboot}), so a submission takes longer.
 */
public record LabView(
        UUID id,
        String templateId,
        Text templateTitle,
        String trainee,
        String createdBy,
        LabState state,
        String reason,
        Instant createdAt,
        Instant readyAt,
        Instant expiresAt,
        Credentials credentials,
        Map<String, String> parameters,
        List<NodeView> nodes,
        List<TaskView> tasks,
        boolean rebootsAtSubmission) {

    /** The trainee's account on every node of the lab. */
    public record Credentials(String user, String password) {
    }

    /**
     * One machine the trainee works on (the examiner's node is never listed): its addresses on
     * the lab networks and on the management network, the consoles its template allows, and
     * (in a single lab's view) whether its VM runs.
     */
    public record NodeView(String name, String image, Boolean running, String managementAddress,
            List<Address> addresses, List<String> consoles) {
    }

    public record Address(String network, String ip, String mac) {
    }

    /**
     * One task of the lab's template, in template order: its title with the lab's values
     * filled in, whether starting it does something (a fault of the template is attached to
     * it), when the trainee started it (null if not yet), and when the trainer last gave it
     * by catching the lab up (null if never).
     */
    public record TaskView(String id, Text title, boolean startable, Instant startedAt, Instant givenAt) {
    }

    /**
     * @param tasks  the template's tasks (empty when the template left the catalog)
     * @param starts task id → its start, for the tasks started
     * @param given  the tasks given by the trainer, oldest first
     * @param showPassword whether the caller may read the trainee's password
     * @param shown  which parameters the caller may read ({@link #shownParameters})
     */
    static LabView of(Lab lab, Text title, Map<String, Boolean> running, List<TemplateSpec.Task> tasks,
            Map<String, TaskStartStore.TaskStart> starts, List<TaskGivenStore.Given> given, boolean showPassword,
            Predicate<String> shown) {
        Map<String, Instant> givenAt = new java.util.HashMap<>();
        given.forEach(g -> givenAt.put(g.taskId(), g.givenAt()));
        Map<String, String> values = lab.placeholderValues();
        List<TaskView> taskViews = tasks.stream().map(t -> {
            TaskStartStore.TaskStart start = starts.get(t.id());
            return new TaskView(t.id(), Placeholders.fill(t.title(), values), !lab.plan().faultsOf(t.id()).isEmpty(),
                    start == null ? null : start.startedAt(), givenAt.get(t.id()));
        }).toList();
        List<NodeView> nodes = lab.plan().traineeNodes().stream().map(n -> new NodeView(n.name(), n.image(),
                running == null ? null : running.get(n.name()), n.managementIp(),
                n.nics().stream().map(nic -> new Address(nic.network(), nic.ip(), nic.mac())).toList(), n.consoles()))
                .toList();
        return new LabView(lab.id(), lab.templateId(), title, lab.trainee(), lab.createdBy(), lab.state(), lab.reason(),
                lab.createdAt(), lab.readyAt(), lab.expiresAt(), new Credentials(lab.trainee(), showPassword ? lab.traineePassword() : null),
                shownOnly(lab.parameters(), shown), nodes, taskViews,
                tasks.stream().anyMatch(t -> t.checks().stream().anyMatch(TemplateSpec.Check::afterReboot)));
    }

    /**
     * The parameters a caller may read: all of them for the lab's trainer and admins
     * ({@code seesHidden}); for anyone else those the template does not hide, and none when
     * the lab's template revision is unknown (nothing says which are hidden).
     */
    static Predicate<String> shownParameters(Optional<TemplateSpec> template, boolean seesHidden) {
        if (seesHidden) return name -> true;
        return name -> template.map(t -> {
            TemplateSpec.Parameter p = t.parameters().get(name);
            return p != null && !p.hidden();
        }).orElse(false);
    }

    /** The parameters the caller may read, in the lab's order. */
    private static Map<String, String> shownOnly(Map<String, String> parameters, Predicate<String> shown) {
        Map<String, String> kept = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (shown.test(name)) kept.put(name, value);
        });
        return kept;
    }
}
