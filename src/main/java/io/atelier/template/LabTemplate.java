package io.atelier.template;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

import io.atelier.document.DurationText;

/**
 * A validated lab template: its spec, the folder it was read from, and a hash of every
 * file of that folder, which identifies this exact revision (see TemplateRevision).
 */
public record LabTemplate(TemplateSpec spec, Path folder, String contentHash) {

    public String id() {
        return spec.id();
    }

    public Duration duration() {
        return DurationText.parse(spec.duration());
    }

    public Stream<TemplateSpec.Check> checks() {
        return spec.tasks().stream().flatMap(t -> t.checks().stream());
    }

    /** Criterion ids cited by the checks, in order of first citation. */
    public Set<String> criteriaCovered() {
        Set<String> ids = new LinkedHashSet<>();
        checks().forEach(c -> ids.addAll(c.criteria()));
        return ids;
    }

    /**
     * The points a lab is graded on: every check, but of a fault catalogue only the checks of
     * the faults one lab draws (the first {@code pick} of each; every fault of a catalogue
     * weighs the same, the loader sees to it).
     */
    public double totalPoints() {
        return spec.withFaults(this::firstPicked).tasks().stream().flatMap(t -> t.checks().stream())
                .mapToDouble(TemplateSpec.Check::pointsOrDefault).sum();
    }

    private boolean firstPicked(TemplateSpec.Fault fault) {
        TemplateSpec.Draw draw = spec.draws().stream().filter(d -> d.id().equals(fault.draw())).findFirst().orElse(null);
        if (draw == null) return true;
        return spec.faults().stream().filter(f -> draw.id().equals(f.draw())).limit(draw.pick()).anyMatch(f -> f == fault);
    }
}
