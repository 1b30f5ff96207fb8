package io.atelier.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.atelier.document.Text;
import io.atelier.template.TemplateSnapshot;
import io.atelier.template.TemplateSpec;

class FaultDrawTest {

    /** Ten faults of catalogue "pannes" (task depanner), one check each, a fault every lab gets, and a check of every lab. */
    static TemplateSpec spec() {
        List<TemplateSpec.Fault> faults = new ArrayList<>();
        List<TemplateSpec.Check> checks = new ArrayList<>();
        checks.add(check("commun", null));
        for (int i = 0; i < 10; i++) {
            faults.add(new TemplateSpec.Fault("panne-" + i, "srv", "depanner", "casse " + i, null, "pannes",
                    new TemplateSpec.Solution("srv", "solution/panne-" + i + ".sh")));
            checks.add(check("repare-" + i, "panne-" + i));
        }
        faults.add(new TemplateSpec.Fault("toujours", "srv", "boot", "casse toujours", null));
        TemplateSpec.Task task = new TemplateSpec.Task("depanner", new Text("Dépanner", null), null, List.of(),
                new TemplateSpec.Solution("srv", "solution/depanner.sh"), checks);
        return new TemplateSpec("t", 1, new Text("t", null), null, "tai", "1h", false, null, null, null, List.of(), null,
                List.of(task), faults, null, null, null, List.of(new TemplateSpec.Draw("pannes", 3, null)));
    }

    static TemplateSpec.Check check(String id, String fault) {
        return new TemplateSpec.Check(id, List.of("C1.a"), 2.0, "examiner", new Text(id, null), null, null, "true", null,
                null, null, null, null, null, null, null, fault);
    }

    @Test
    void aLabDrawsPickFaultsOfTheCatalogueAndTheSameLabAlwaysTheSame() {
        UUID lab = UUID.fromString("0b6d2f4e-3c1a-4f7e-9a52-7d1c2e3f4a5b");
        Set<String> drawn = FaultDraw.drawn(spec(), lab);
        assertEquals(3, drawn.size(), drawn::toString);
        assertTrue(drawn.stream().allMatch(f -> f.startsWith("panne-")), drawn::toString);
        assertEquals(drawn, FaultDraw.drawn(spec(), UUID.fromString(lab.toString())), "drawn again from the same id");
    }

    @Test
    void twoTraineesLabsDrawDifferentFaultsAndEveryFaultComesUpAsOftenAsTheOthers() {
        assertNotEquals(FaultDraw.drawn(spec(), UUID.fromString("00000000-0000-4000-8000-000000000001")),
                FaultDraw.drawn(spec(), UUID.fromString("00000000-0000-4000-8000-000000000002")));
        Map<String, Integer> times = new HashMap<>();
        Set<Set<String>> sets = new HashSet<>();
        java.util.Random ids = new java.util.Random(42);
        int labs = 3000;
        for (int i = 0; i < labs; i++) {
            Set<String> drawn = FaultDraw.drawn(spec(), new UUID(ids.nextLong(), ids.nextLong()));
            sets.add(drawn);
            drawn.forEach(f -> times.merge(f, 1, Integer::sum));
        }
        assertEquals(10, times.size(), times::toString);
        // 3 of 10: each fault 900 times in 3000 labs on average; a fair draw stays within 15 %
        times.forEach((fault, n) -> assertTrue(n > 765 && n < 1035, fault + " drawn " + n + " times in " + labs + " labs"));
        assertEquals(120, sets.size(), "every set of 3 among 10 is drawn by some lab");
    }

    @Test
    void aLabKeepsItsDrawnFaultsTheFaultsEveryLabGetsAndOnlyTheChecksOfWhatItDrew() {
        UUID lab = UUID.randomUUID();
        TemplateSnapshot revision = new TemplateSnapshot(spec(), "hash", Map.of("solution/panne-0.sh", "x"));
        TemplateSnapshot kept = FaultDraw.forLab(revision, lab, false);
        Set<String> drawn = FaultDraw.drawn(spec(), lab);
        List<String> faults = kept.spec().faults().stream().map(TemplateSpec.Fault::id).toList();
        assertEquals(4, faults.size(), faults::toString);
        assertTrue(faults.containsAll(drawn) && faults.contains("toujours"), faults::toString);
        List<String> checks = kept.spec().tasks().get(0).checks().stream().map(TemplateSpec.Check::id).toList();
        List<String> expected = new ArrayList<>(List.of("commun"));
        spec().tasks().get(0).checks().stream().filter(c -> c.fault() != null && drawn.contains(c.fault()))
                .forEach(c -> expected.add(c.id()));
        assertEquals(expected, checks, "the checks of the faults drawn, in template order, beside those of every lab");
        assertEquals(List.of("solution/depanner.sh"), kept.spec().solutionSteps("depanner").subList(0, 1).stream()
                .map(TemplateSpec.Step::script).toList(), "the task's solution first");
        assertEquals(drawn.stream().map(f -> "solution/" + f + ".sh").sorted().toList(), kept.spec().solutionSteps("depanner")
                .subList(1, 4).stream().map(TemplateSpec.Step::script).sorted().toList(), "then the repair of each fault drawn");
        assertEquals("hash", kept.contentHash());
        assertEquals(revision.files(), kept.files());
    }

    @Test
    void theProversLabGetsEveryFaultAndATemplateWithoutDrawsIsKeptAsItIs() {
        TemplateSnapshot revision = new TemplateSnapshot(spec(), "hash", Map.of());
        TemplateSnapshot prover = FaultDraw.forLab(revision, UUID.randomUUID(), true);
        assertEquals(11, prover.spec().faults().size());
        assertEquals(11, prover.spec().tasks().get(0).checks().size());
        TemplateSpec plain = new TemplateSpec("t", 1, new Text("t", null), null, "tai", "1h", false, null, null, null,
                List.of(), null, spec().tasks(), null, null, null, null);
        TemplateSnapshot without = new TemplateSnapshot(plain, "h", Map.of());
        assertSame(without, FaultDraw.forLab(without, UUID.randomUUID(), false));
    }
}
