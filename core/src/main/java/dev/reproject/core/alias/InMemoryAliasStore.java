package dev.reproject.core.alias;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An {@link AliasStore} in a map, for unit tests. Thread-safe. */
public final class InMemoryAliasStore implements AliasStore {

    private final Map<String, ViewAlias> aliases = new TreeMap<>();

    @Override
    public synchronized ViewAlias get(String view) {
        return aliases.getOrDefault(view, ViewAlias.unset(view));
    }

    @Override
    public synchronized ViewAlias replace(ViewAlias read, ViewAlias next) {
        AliasRules.requireSuccessor(read, next);
        ViewAlias stored = get(read.view());
        if (stored.version() != read.version()) {
            throw AliasRules.movedMeanwhile(read, stored);
        }
        aliases.put(next.view(), next);
        return next;
    }

    @Override
    public synchronized List<ViewAlias> all() {
        return new ArrayList<>(aliases.values());
    }
}
