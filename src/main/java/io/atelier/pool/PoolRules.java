package io.atelier.pool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Hot pools (issue 14) as pure rules: which pooled labs the platform adds or removes now,
 * which one a request claims, and which ones give way to a request the host cannot hold
 * otherwise. The pool's service applies them; nothing here reaches libvirt or the database.
 * <p>
 * A template may keep {@code wanted} labs restored and waiting ({@code ATELIER_POOL_<ID>}:
 * {@link #variableOf}); a pooled lab counts in the host's limits like any lab with running
 * VMs, is made for one template revision and one set of images, and is removed once either
 * changes. Pools fill only what the host has free and give way first: a request that does
 * not fit takes the room of pooled labs, never the other way round.
 */
public final class PoolRules {

    private PoolRules() {
    }

    /** A template of the catalog as its pool sees it: its revision, its images' hashes, its memory, the labs it wants waiting. */
    public record Template(String id, String revision, String images, int memoryMib, int wanted) {
    }

    /**
     * A pooled lab: the template revision and images it was made from, its memory, whether it
     * is waiting (restored, not claimed) or still warming up, and when it was asked for.
     */
    public record Pooled(UUID lab, String template, String revision, String images, int memoryMib, boolean waiting,
            long requestedAt) {
    }

    /** The host's labs with running VMs (pooled ones included) and its limits. */
    public record Host(int running, int usedMib, int maxRunning, int maxMemoryMib) {
        boolean fits(int memoryMib) {
            return fits(1, memoryMib);
        }

        boolean fits(int labs, int memoryMib) {
            return running + labs <= maxRunning && usedMib + memoryMib <= maxMemoryMib;
        }

        Host with(int memoryMib) {
            return new Host(running + 1, usedMib + memoryMib, maxRunning, maxMemoryMib);
        }

        Host without(int memoryMib) {
            return new Host(running - 1, usedMib - memoryMib, maxRunning, maxMemoryMib);
        }
    }

    /** A pooled lab to delete, and why (for the log). */
    public record Removal(UUID lab, String why) {
    }

    /** What to do now: labs to delete first, then one lab to ask for per entry of {@code create} (template ids). */
    public record Plan(List<Removal> remove, List<String> create) {
    }

    /** The environment variable that sets a template's pool: {@code ATELIER_POOL_} and its id upper-cased, '-' as '_'. */
    public static String variableOf(String templateId) {
        return "ATELIER_POOL_" + templateId.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * The plan for now: pooled labs of templates gone or keeping no pool, of another revision
     * or other images, and beyond a pool's size (the last asked first) are removed; then each
     * pool short of its size asks for labs, one template after the other, while the host holds
     * them (pooled labs never exceed its limits).
     */
    public static Plan plan(List<Template> templates, List<Pooled> pooled, Host host) {
        Map<String, Template> byId = new HashMap<>();
        templates.forEach(t -> byId.put(t.id(), t));
        List<Removal> remove = new ArrayList<>();
        Map<String, List<Pooled>> kept = new LinkedHashMap<>();
        Host after = host;
        for (Pooled p : pooled) {
            Template t = byId.get(p.template());
            String why = t == null ? "its template is no longer in the catalog"
                    : t.wanted() <= 0 ? "its template keeps no pool"
                    : !t.revision().equals(p.revision()) ? "its template changed (revision " + p.revision() + " → " + t.revision() + ")"
                    : !t.images().equals(p.images()) ? "its images were rebuilt"
                    : null;
            if (why != null) {
                remove.add(new Removal(p.lab(), why));
                after = after.without(p.memoryMib());
            } else {
                kept.computeIfAbsent(p.template(), k -> new ArrayList<>()).add(p);
            }
        }
        for (Map.Entry<String, List<Pooled>> e : kept.entrySet()) {
            int wanted = byId.get(e.getKey()).wanted();
            List<Pooled> labs = new ArrayList<>(e.getValue());
            labs.sort(Comparator.comparingLong(Pooled::requestedAt));
            for (Pooled surplus : labs.subList(Math.min(wanted, labs.size()), labs.size())) {
                remove.add(new Removal(surplus.lab(), "its pool keeps " + wanted));
                after = after.without(surplus.memoryMib());
            }
        }
        List<String> create = new ArrayList<>();
        for (Template t : templates) {
            int have = Math.min(t.wanted(), kept.getOrDefault(t.id(), List.of()).size());
            for (int i = have; i < t.wanted() && after.fits(t.memoryMib()); i++) {
                create.add(t.id());
                after = after.with(t.memoryMib());
            }
        }
        return new Plan(remove, create);
    }

    /**
     * The pooled lab a request for {@code template} claims: a waiting one of its current
     * revision and images, the longest waiting first; none when there is no such lab (the
     * request then provisions a lab as without pools), and none for a template that keeps no
     * pool (its pooled labs are removed by the next plan).
     */
    public static Optional<Pooled> claim(Template template, List<Pooled> pooled) {
        if (template.wanted() <= 0) return Optional.empty();
        return pooled.stream()
                .filter(p -> p.waiting() && p.template().equals(template.id()) && p.revision().equals(template.revision())
                        && p.images().equals(template.images()))
                .min(Comparator.comparingLong(Pooled::requestedAt));
    }

    /**
     * The pooled labs to delete so that a request for {@code labs} labs of {@code memoryMib}
     * in all fits on the host: none when it fits already; warming labs before waiting ones,
     * the last asked first; empty also when even deleting every pooled lab would not make it
     * fit (the request is then refused for the host's limits, and no pool is touched).
     */
    public static List<Pooled> giveWay(int labs, int memoryMib, Host host, List<Pooled> pooled) {
        if (host.fits(labs, memoryMib)) return List.of();
        List<Pooled> order = new ArrayList<>(pooled);
        order.sort(Comparator.comparing(Pooled::waiting).thenComparing(Comparator.comparingLong(Pooled::requestedAt).reversed()));
        List<Pooled> taken = new ArrayList<>();
        Host after = host;
        for (Pooled p : order) {
            taken.add(p);
            after = after.without(p.memoryMib());
            if (after.fits(labs, memoryMib)) return taken;
        }
        return List.of();
    }
}
