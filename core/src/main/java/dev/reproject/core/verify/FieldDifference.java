package dev.reproject.core.verify;

import java.io.Serializable;
import java.util.Objects;

/**
 * One attribute of a key whose item differs, its values in DynamoDB JSON ({@code {"S":"APPROVED"}}); null where the
 * item lacks the attribute. For a missing or extra item the field is {@link #ITEM} and the values the whole items.
 */
public record FieldDifference(String field, String expected, String actual) implements Serializable {

    /** The field of a difference about the whole item. */
    public static final String ITEM = "(item)";

    public FieldDifference {
        Objects.requireNonNull(field, "field");
    }
}
