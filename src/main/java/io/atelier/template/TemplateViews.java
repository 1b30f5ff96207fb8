package io.atelier.template;

import java.util.List;

import io.atelier.document.Text;
import io.atelier.referential.Referential;

/**
 * What the catalog shows of a template. Deliberately without check commands, expected
 * outputs, parameter values, faults or solutions: trainees read these views.
 */
public final class TemplateViews {

    private TemplateViews() {
    }

    public record ReferentialRef(String id, Text title) {
    }

    /** A criterion cited by the template, with where it sits in the referential. */
    public record CriterionView(String id, Text text, String competency, Text competencyTitle, String block) {
    }

    public record Summary(String id, int version, Text title, Text summary, ReferentialRef referential,
            long durationMinutes, boolean practice, List<String> tags, int nodeCount, int taskCount, long checkCount,
            double totalPoints, List<CriterionView> criteria) {
    }

    public record NetworkView(String name, String cidr, String gateway, Text description) {
    }

    public record NodeView(String name, String image, Text description, int memoryMiB, int cpus, List<String> consoles,
            List<TemplateSpec.Nic> nics) {
    }

    public record CheckView(String id, Text description, List<String> criteria, double points) {
    }

    public record TaskView(String id, Text title, List<CheckView> checks, double points) {
    }

    public record Detail(Summary summary, List<NetworkView> networks, List<NodeView> nodes, List<TaskView> tasks) {
    }

    public static Summary summary(LabTemplate t, Referential referential) {
        TemplateSpec s = t.spec();
        List<CriterionView> criteria = t.criteriaCovered().stream()
                .map(id -> referential.criterion(id).orElseThrow())
                .map(p -> new CriterionView(p.criterion().id(), p.criterion().text(), p.competency().id(),
                        p.competency().title(), p.block().id()))
                .toList();
        return new Summary(s.id(), s.version(), s.title(), s.summary(), new ReferentialRef(referential.id(), referential.title()),
                t.duration().toMinutes(), s.practice(), s.tags(), s.nodes().size(), s.tasks().size(), t.checks().count(),
                t.totalPoints(), criteria);
    }

    public static Detail detail(LabTemplate t, Referential referential) {
        TemplateSpec s = t.spec();
        return new Detail(summary(t, referential),
                s.networks().stream().map(n -> new NetworkView(n.name(), n.cidr(), n.gateway(), n.description())).toList(),
                s.nodes().stream().map(n -> new NodeView(n.name(), n.image(), n.description(), n.memoryMiB(), n.cpus(),
                        n.consoles(), n.nics())).toList(),
                s.tasks().stream().map(task -> new TaskView(task.id(), task.title(),
                        task.checks().stream().map(c -> new CheckView(c.id(), c.description(), c.criteria(), c.pointsOrDefault())).toList(),
                        task.checks().stream().mapToDouble(TemplateSpec.Check::pointsOrDefault).sum())).toList());
    }
}
