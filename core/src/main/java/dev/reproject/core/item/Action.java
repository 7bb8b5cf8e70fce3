package dev.reproject.core.item;

import java.io.Serializable;
import java.util.Objects;

/**
 * One action of an update, in DynamoDB's update algebra, on a top-level attribute. Each action of an
 * update names a different attribute (DynamoDB refuses overlapping paths).
 */
public sealed interface Action extends Serializable {

    /** The attribute it changes. */
    String attribute();

    /** {@code SET a = v} */
    record Set(String attribute, AttrValue value) implements Action {
        public Set {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code SET a = if_not_exists(a, v)} */
    record SetIfNotExists(String attribute, AttrValue value) implements Action {
        public SetIfNotExists {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code ADD a v}: a number added to a number (missing: 0), or a set's elements added to a set. */
    record Add(String attribute, AttrValue value) implements Action {
        public Add {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code DELETE a v}: a set's elements taken from a set; a set left empty disappears. */
    record Delete(String attribute, AttrValue value) implements Action {
        public Delete {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code REMOVE a} */
    record Remove(String attribute) implements Action {
        public Remove {
            Objects.requireNonNull(attribute, "attribute");
        }
    }

    /**
     * {@code SET a = list_append(a, v)}, or with {@code ifNotExists} {@code SET a = list_append(if_not_exists(a,
     * :empty), v)}; without it, a missing {@code a} makes DynamoDB refuse the update.
     */
    record ListAppend(String attribute, AttrValue value, boolean ifNotExists) implements Action {
        public ListAppend {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(value, "value");
        }
    }
}
