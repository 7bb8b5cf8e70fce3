package dev.reproject.core.view;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A view's DynamoDB table: its keys and global secondary indexes (projection ALL).
 *
 * @param defaultName the table name when the user gives none
 */
public record TableSchema(String defaultName, KeyAttribute hashKey, Optional<KeyAttribute> rangeKey,
                          List<GlobalIndex> indexes) implements Serializable {

    public TableSchema {
        Objects.requireNonNull(defaultName, "defaultName");
        Objects.requireNonNull(hashKey, "hashKey");
        Objects.requireNonNull(rangeKey, "rangeKey");
        indexes = List.copyOf(indexes);
    }

    /** The attribute types of a key. */
    public enum KeyType { S, N }

    public record KeyAttribute(String name, KeyType type) implements Serializable {
        public KeyAttribute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    public record GlobalIndex(String name, KeyAttribute hashKey,
                              Optional<KeyAttribute> rangeKey) implements Serializable {
        public GlobalIndex {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(hashKey, "hashKey");
            Objects.requireNonNull(rangeKey, "rangeKey");
        }
    }

    /** The table's own key attributes, which an update cannot change. */
    public Set<String> keyAttributes() {
        Set<String> names = new TreeSet<>();
        names.add(hashKey.name());
        rangeKey.ifPresent(k -> names.add(k.name()));
        return names;
    }

    /** Every key attribute of the table and its indexes, with its type. */
    public List<KeyAttribute> allKeyAttributes() {
        List<KeyAttribute> all = new ArrayList<>();
        all.add(hashKey);
        rangeKey.ifPresent(all::add);
        for (GlobalIndex index : indexes) {
            all.add(index.hashKey());
            index.rangeKey().ifPresent(all::add);
        }
        return all;
    }
}
