package dev.reproject.lifecycle.retire;

import java.util.Set;
import java.util.TreeSet;

/** {@link Tables} as a set of names, for unit tests. */
final class MapTables implements Tables {

    final Set<String> names = new TreeSet<>();

    MapTables(String... names) {
        this.names.addAll(Set.of(names));
    }

    @Override
    public boolean delete(String table) {
        return names.remove(table);
    }
}
