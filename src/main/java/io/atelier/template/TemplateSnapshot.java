package io.atelier.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A template revision as a lab keeps it, stored with the lab's plan when the lab is created:
 * the whole spec (tasks, checks, points, thresholds…) and the text of the files it names
 * besides setup scripts (instructions, solutions, the prover's counterexamples and alternatives). What a lab shows, checks and grades is read from here, so
 * an edit of the template and a reload, even mid-exam, change nothing for labs already
 * built; only new labs get the new revision.
 *
 * @param contentHash the revision's hash (every file of the template folder), as recorded in {@code template_revision}
 * @param files       path relative to the template folder → its text
 */
public record TemplateSnapshot(TemplateSpec spec, String contentHash, Map<String, String> files) {

    public TemplateSnapshot {
        files = files == null ? Map.of() : Map.copyOf(files);
    }

    /** Takes the snapshot of a loaded template, reading the files its tasks name. */
    public static TemplateSnapshot of(LabTemplate template) {
        Map<String, String> files = new TreeMap<>();
        for (TemplateSpec.Task task : template.spec().tasks()) {
            if (task.instructions() != null) task.instructions().files().forEach(f -> files.put(f, read(template, f)));
            if (task.solution() != null && task.solution().script() != null) {
                files.put(task.solution().script(), read(template, task.solution().script()));
            }
        }
        for (TemplateSpec.Fault fault : template.spec().faults()) {
            if (fault.solution() != null && fault.solution().script() != null) {
                files.put(fault.solution().script(), read(template, fault.solution().script()));
            }
        }
        for (List<TemplateSpec.ProofState> states : List.of(template.spec().counterexamples(), template.spec().alternatives())) {
            for (TemplateSpec.ProofState state : states) {
                for (TemplateSpec.Step step : state.apply()) files.put(step.script(), read(template, step.script()));
            }
        }
        return new TemplateSnapshot(template.spec(), template.contentHash(), files);
    }

    public String id() {
        return spec.id();
    }

    /** The text of one of the revision's files. */
    public String file(String path) {
        String text = files.get(path);
        if (text == null) {
            throw new IllegalStateException("the revision " + spec.version() + " of template " + spec.id()
                    + " kept no file " + path + "; it kept: " + String.join(", ", files.keySet()));
        }
        return text;
    }

    private static String read(LabTemplate template, String file) {
        Path path = template.folder().resolve(file);
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " of template " + template.id() + ": " + e.getMessage(), e);
        }
    }
}
