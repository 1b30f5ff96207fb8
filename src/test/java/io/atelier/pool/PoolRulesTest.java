package io.atelier.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.atelier.pool.PoolRules.Host;
import io.atelier.pool.PoolRules.Plan;
import io.atelier.pool.PoolRules.Pooled;
import io.atelier.pool.PoolRules.Removal;
import io.atelier.pool.PoolRules.Template;

class PoolRulesTest {

    static final Template PARTAGE = new Template("serveur-linux-partage-sauvegarde", "r3", "img-a", 1024, 2);
    static final Template PAREFEU = new Template("pare-feu-nftables", "r2", "img-b", 1280, 1);
    static final Host EMPTY = new Host(0, 0, 8, 12288);

    static Pooled pooled(Template t, boolean waiting, long at) {
        return new Pooled(UUID.randomUUID(), t.id(), t.revision(), t.images(), t.memoryMib(), waiting, at);
    }

    @Test
    void theVariableOfATemplatesPoolIsItsIdUpperCasedWithUnderscores() {
        assertEquals("ATELIER_POOL_SERVEUR_LINUX_PARTAGE_SAUVEGARDE", PoolRules.variableOf(PARTAGE.id()));
    }

    @Test
    void aPoolShortOfItsSizeAsksForTheLabsItLacks() {
        Pooled one = pooled(PARTAGE, true, 1);
        Plan plan = PoolRules.plan(List.of(PARTAGE, PAREFEU), List.of(one), new Host(1, 1024, 8, 12288));
        assertEquals(List.of(), plan.remove());
        assertEquals(List.of(PARTAGE.id(), PAREFEU.id()), plan.create());
    }

    @Test
    void aLabStillWarmingUpCountsInItsPool() {
        Plan plan = PoolRules.plan(List.of(PARTAGE), List.of(pooled(PARTAGE, true, 1), pooled(PARTAGE, false, 2)),
                new Host(2, 2048, 8, 12288));
        assertEquals(new Plan(List.of(), List.of()), plan);
    }

    @Test
    void noTemplateKeepsAPoolByDefault() {
        Template none = new Template("t", "r1", "i", 256, 0);
        assertEquals(new Plan(List.of(), List.of()), PoolRules.plan(List.of(none), List.of(), EMPTY));
    }

    @Test
    void pooledLabsOfAnotherRevisionOrOfRebuiltImagesAreRemovedAndMadeAgain() {
        Pooled old = new Pooled(UUID.randomUUID(), PARTAGE.id(), "r2", PARTAGE.images(), 1024, true, 1);
        Pooled rebuilt = new Pooled(UUID.randomUUID(), PARTAGE.id(), PARTAGE.revision(), "img-old", 1024, true, 2);
        Plan plan = PoolRules.plan(List.of(PARTAGE), List.of(old, rebuilt), new Host(2, 2048, 2, 12288));
        assertEquals(List.of(new Removal(old.lab(), "its template changed (revision r2 → r3)"),
                new Removal(rebuilt.lab(), "its images were rebuilt")), plan.remove());
        assertEquals(List.of(PARTAGE.id(), PARTAGE.id()), plan.create(), "the room they leave is counted");
    }

    @Test
    void pooledLabsOfATemplateGoneOrKeepingNoPoolAreRemoved() {
        Pooled orphan = new Pooled(UUID.randomUUID(), "retire", "r1", "i", 256, true, 1);
        Template noPool = new Template(PAREFEU.id(), PAREFEU.revision(), PAREFEU.images(), PAREFEU.memoryMib(), 0);
        Pooled unwanted = pooled(PAREFEU, false, 2);
        Plan plan = PoolRules.plan(List.of(noPool), List.of(orphan, unwanted), new Host(2, 1536, 8, 12288));
        assertEquals(List.of(new Removal(orphan.lab(), "its template is no longer in the catalog"),
                new Removal(unwanted.lab(), "its template keeps no pool")), plan.remove());
        assertEquals(List.of(), plan.create());
    }

    @Test
    void aPoolMadeSmallerRemovesTheLabsAskedLast() {
        Template one = new Template(PARTAGE.id(), PARTAGE.revision(), PARTAGE.images(), 1024, 1);
        Pooled first = pooled(PARTAGE, true, 1);
        Pooled second = pooled(PARTAGE, true, 2);
        Pooled third = pooled(PARTAGE, false, 3);
        Plan plan = PoolRules.plan(List.of(one), List.of(third, first, second), new Host(3, 3072, 8, 12288));
        assertEquals(List.of(new Removal(second.lab(), "its pool keeps 1"), new Removal(third.lab(), "its pool keeps 1")),
                plan.remove());
    }

    @Test
    void poolsFillOnlyWhatTheHostHasFree() {
        assertEquals(List.of(PARTAGE.id()), PoolRules.plan(List.of(PARTAGE), List.of(), new Host(7, 2048, 8, 12288)).create(),
                "one lab more reaches max-running");
        assertEquals(List.of(), PoolRules.plan(List.of(PARTAGE), List.of(), new Host(1, 11500, 8, 12288)).create(),
                "1024 MiB more passes max-memory-mib");
    }

    @Test
    void aRequestClaimsTheLongestWaitingLabOfItsTemplatesCurrentRevisionAndImages() {
        Pooled warming = pooled(PARTAGE, false, 1);
        Pooled oldRevision = new Pooled(UUID.randomUUID(), PARTAGE.id(), "r2", PARTAGE.images(), 1024, true, 2);
        Pooled later = pooled(PARTAGE, true, 4);
        Pooled earlier = pooled(PARTAGE, true, 3);
        Pooled other = pooled(PAREFEU, true, 0);
        assertEquals(earlier, PoolRules.claim(PARTAGE, List.of(warming, oldRevision, later, earlier, other)).orElseThrow());
        assertTrue(PoolRules.claim(PARTAGE, List.of(warming, oldRevision, other)).isEmpty(),
                "none waiting: the request provisions a lab as without pools");
        Template keepsNone = new Template(PARTAGE.id(), PARTAGE.revision(), PARTAGE.images(), PARTAGE.memoryMib(), 0);
        assertTrue(PoolRules.claim(keepsNone, List.of(earlier)).isEmpty(),
                "a template whose pool was set to 0 claims nothing: the next plan removes its labs");
    }

    @Test
    void aRequestTheHostCannotHoldTakesTheRoomOfPooledLabsWarmingOnesFirst() {
        Pooled waiting = pooled(PARTAGE, true, 1);
        Pooled warmingEarly = pooled(PAREFEU, false, 2);
        Pooled warmingLate = pooled(PARTAGE, false, 3);
        Host full = new Host(8, 3328, 8, 12288);
        assertEquals(List.of(warmingLate), PoolRules.giveWay(1, 1024, full, List.of(waiting, warmingEarly, warmingLate)));
        Host memory = new Host(3, 11500, 8, 12288);
        assertEquals(List.of(warmingLate, warmingEarly), PoolRules.giveWay(1, 2000, memory,
                List.of(waiting, warmingEarly, warmingLate)), "until it fits");
    }

    @Test
    void aSessionsLabsTakeTheRoomOfAsManyPooledLabsAsTheyNeed() {
        Pooled a = pooled(PARTAGE, true, 1);
        Pooled b = pooled(PARTAGE, true, 2);
        Pooled c = pooled(PARTAGE, true, 3);
        Host full = new Host(8, 3328, 8, 12288);
        assertEquals(List.of(c, b), PoolRules.giveWay(2, 2048, full, List.of(a, b, c)));
    }

    @Test
    void aRequestThatFitsTakesNothingAndOneThatCannotFitAtAllTakesNothingEither() {
        Pooled waiting = pooled(PARTAGE, true, 1);
        assertEquals(List.of(), PoolRules.giveWay(1, 1024, new Host(1, 1024, 8, 12288), List.of(waiting)));
        assertEquals(List.of(), PoolRules.giveWay(1, 20000, new Host(1, 1024, 8, 12288), List.of(waiting)),
                "beyond the host even without pools: refused for its limits, no pool touched");
    }
}
