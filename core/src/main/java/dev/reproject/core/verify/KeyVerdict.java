package dev.reproject.core.verify;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** A key's class and, unless equal, the attributes that differ (name order). */
public record KeyVerdict(KeyClass keyClass, List<FieldDifference> fields) implements Serializable {

    public KeyVerdict {
        Objects.requireNonNull(keyClass, "keyClass");
        fields = List.copyOf(fields);
    }
}
