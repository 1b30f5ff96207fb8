package io.atelier.referential;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The certification frameworks known to the platform, by id. */
public final class Referentials {

    private final Map<String, Referential> byId;

    public Referentials(Collection<Referential> referentials) {
        TreeMap<String, Referential> map = new TreeMap<>();
        referentials.forEach(r -> map.put(r.id(), r));
        this.byId = map;
    }

    public Optional<Referential> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Referential> all() {
        return byId.values();
    }

    public String ids() {
        return String.join(", ", byId.keySet());
    }
}
