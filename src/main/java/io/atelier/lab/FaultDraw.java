package io.atelier.lab;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;

import io.atelier.template.TemplateSnapshot;
import io.atelier.template.TemplateSpec;

/**
 * Draws a lab's faults from its template's catalogues ({@code draws}): for each catalogue,
 * {@code pick} of the faults that name it, from a generator seeded by the lab id and the
 * catalogue's id. The same lab always draws the same faults (a reset, a pooled lab claimed
 * later, a re-grading meet what the trainee met), two labs usually differ, and a new
 * catalogue in a template changes no other catalogue's draw. Pure functions, like
 * {@link ParameterDraw}.
 */
public final class FaultDraw {

    private FaultDraw() {
    }

    /** The ids of the faults drawn for lab {@code labId}, over every catalogue of the template. */
    public static Set<String> drawn(TemplateSpec spec, UUID labId) {
        Set<String> drawn = new TreeSet<>();
        for (TemplateSpec.Draw draw : spec.draws()) {
            List<String> members = new ArrayList<>(spec.faults().stream().filter(f -> draw.id().equals(f.draw()))
                    .map(TemplateSpec.Fault::id).toList());
            // Fisher-Yates from the catalogue's order in the file
            SplittableRandom random = new SplittableRandom(seed(labId, draw.id()));
            for (int i = members.size() - 1; i > 0; i--) {
                Collections.swap(members, i, random.nextInt(i + 1));
            }
            drawn.addAll(members.subList(0, Math.min(draw.pick(), members.size())));
        }
        return drawn;
    }

    /**
     * The revision lab {@code labId} keeps: its drawn faults only, and the checks bound to
     * them; every fault when {@code everyFault} (the prover's lab, which proves each).
     */
    public static TemplateSnapshot forLab(TemplateSnapshot revision, UUID labId, boolean everyFault) {
        if (revision.spec().draws().isEmpty()) return revision;
        Set<String> drawn = drawn(revision.spec(), labId);
        TemplateSpec spec = revision.spec().withFaults(f -> everyFault || drawn.contains(f.id()));
        return new TemplateSnapshot(spec, revision.contentHash(), revision.files());
    }

    private static long seed(UUID labId, String drawId) {
        long h = labId.getMostSignificantBits() ^ Long.rotateLeft(labId.getLeastSignificantBits(), 17);
        for (byte b : drawId.getBytes(StandardCharsets.UTF_8)) h = h * 1_000_003L + b;
        return h;
    }
}
