package io.atelier.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.atelier.document.Text;
import io.atelier.template.Placeholders;
import io.atelier.template.TemplateSpec;

/**
 * A template's check made concrete for one lab: every text in it (command, expected
 * values, paths, hosts, URLs, names, and the words shown to the trainee) with its
 * {@code {{placeholders}}} filled from the lab's parameters, {@code trainee} and
 * {@code lab_id}, and {@code task_started_at} from the platform's record of its task's start.
 */
public final class CheckPlaceholders {

    private CheckPlaceholders() {
    }

    /** A check made concrete, and the task it belongs to. */
    public record Filled(TemplateSpec.Check check, String task) {
    }

    /**
     * The checks of {@code spec} that {@code which} selects, in the template's order, filled
     * with the lab's {@code values} and, for each, {@code {{task_started_at}}}: when its task
     * started ({@code started}: task id → time, the platform's records), in whole seconds since
     * 1970 UTC, or empty while it has not.
     */
    public static List<Filled> fillAll(TemplateSpec spec, Predicate<TemplateSpec.Check> which, Map<String, String> values,
            Map<String, Instant> started) {
        List<Filled> all = new ArrayList<>();
        for (TemplateSpec.Task task : spec.tasks()) {
            Map<String, String> forTask = new HashMap<>(values);
            Instant at = started.get(task.id());
            forTask.put(Placeholders.TASK_STARTED_AT, at == null ? "" : Long.toString(at.getEpochSecond()));
            for (TemplateSpec.Check check : task.checks()) {
                if (which.test(check)) all.add(new Filled(fill(check, forTask), task.id()));
            }
        }
        return all;
    }

    public static TemplateSpec.Check fill(TemplateSpec.Check c, Map<String, String> values) {
        UnaryOperator<String> f = s -> s == null ? null : Placeholders.fill(s, values);
        return new TemplateSpec.Check(c.id(), c.criteria(), c.points(), c.on(), text(c.description(), f),
                text(c.feedback(), f), c.timeout(), f.apply(c.run()), expect(c.expect(), f),
                c.file() == null ? null : new TemplateSpec.FileCheck(f.apply(c.file().path()), c.file().exists(),
                        f.apply(c.file().contains()), c.file().mode(), f.apply(c.file().owner())),
                c.service() == null ? null
                        : new TemplateSpec.ServiceCheck(f.apply(c.service().name()), c.service().active(), c.service().enabled()),
                c.port() == null ? null
                        : new TemplateSpec.PortCheck(f.apply(c.port().host()), c.port().port(), c.port().protocol(), c.port().open()),
                c.http() == null ? null
                        : new TemplateSpec.HttpCheck(f.apply(c.http().url()), c.http().status(), c.http().reachable(),
                                f.apply(c.http().contains())),
                c.dns() == null ? null
                        : new TemplateSpec.DnsCheck(f.apply(c.dns().name()), c.dns().type(), f.apply(c.dns().server()),
                                f.apply(c.dns().answer())),
                c.after(), c.before() == null ? null : new TemplateSpec.Before(c.before().on(), f.apply(c.before().run())),
                c.fault());
    }

    /** A text shown to people (a task's title…) with its placeholders filled, in both languages. */
    public static Text fill(Text text, Map<String, String> values) {
        return Placeholders.fill(text, values);
    }

    private static Text text(Text t, UnaryOperator<String> f) {
        return t == null ? null : new Text(f.apply(t.fr()), f.apply(t.en()));
    }

    private static TemplateSpec.Expect expect(TemplateSpec.Expect e, UnaryOperator<String> f) {
        if (e == null) return null;
        return new TemplateSpec.Expect(e.exit(), matcher(e.stdout(), f), matcher(e.stderr(), f));
    }

    private static TemplateSpec.Matcher matcher(TemplateSpec.Matcher m, UnaryOperator<String> f) {
        if (m == null) return null;
        TemplateSpec.JsonMatch json = m.json() == null ? null
                : new TemplateSpec.JsonMatch(m.json().path(), jsonValue(m.json().equals(), f));
        return new TemplateSpec.Matcher(f.apply(m.equals()), f.apply(m.contains()), f.apply(m.regex()), json, m.number());
    }

    private static JsonNode jsonValue(JsonNode value, UnaryOperator<String> f) {
        return value != null && value.isTextual() ? new TextNode(f.apply(value.asText())) : value;
    }
}
