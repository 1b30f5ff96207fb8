package io.atelier.template;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atelier.document.Text;

/**
 * The {@code {{name}}} placeholders of template texts, instruction files and commands.
 * A name is a declared parameter or a built-in filled by the platform for each lab.
 */
public final class Placeholders {

    /** Filled by the platform: the trainee's user name and the lab's id. */
    public static final Set<String> BUILT_INS = Set.of("trainee", "lab_id");

    /**
     * Filled by the platform in a check only: when it recorded the start of the check's task
     * (its database's {@code task_start}, never a file on the node), in whole seconds since
     * 1970-01-01 UTC; empty while the task has not started. Only tasks that have faults are
     * started, so only their checks may use it.
     */
    public static final String TASK_STARTED_AT = "task_started_at";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z][a-z0-9_]*)\\s*}}");

    private Placeholders() {
    }

    /** The placeholder names a text uses, in order of first use. */
    public static Set<String> namesIn(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The text with each known placeholder replaced by its value; unknown ones stay as they are. */
    public static String fill(String text, java.util.Map<String, String> values) {
        return PLACEHOLDER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                values.getOrDefault(m.group(1), m.group())));
    }

    /** A text shown to people with its placeholders filled, in both languages (null stays null). */
    public static Text fill(Text text, java.util.Map<String, String> values) {
        return text == null ? null
                : new Text(text.fr() == null ? null : fill(text.fr(), values), text.en() == null ? null : fill(text.en(), values));
    }

    /** 1-based line of the first use of a name in a text. */
    public static int lineOf(String text, String name) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            }
        }
        return 0;
    }
}
