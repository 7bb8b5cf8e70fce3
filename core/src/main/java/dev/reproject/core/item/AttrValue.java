package dev.reproject.core.item;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A DynamoDB attribute value, without the AWS SDK: what views build, what the fold computes and what
 * snapshots store. Binary types are not modelled (no view of ours needs them).
 */
public sealed interface AttrValue extends Serializable {

    /** DynamoDB's type descriptor: S, N, BOOL, NULL, L, M, SS, NS. */
    String type();

    record S(String value) implements AttrValue {
        public S {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String type() {
            return "S";
        }
    }

    /** A number, kept in DynamoDB's normalised form (no trailing zeros; -0 is 0). */
    record N(BigDecimal value) implements AttrValue {
        public N {
            value = Numbers.normalise(value);
        }

        public static N of(String text) {
            return new N(Numbers.parse(text));
        }

        public static N of(long value) {
            return new N(BigDecimal.valueOf(value));
        }

        /** As DynamoDB returns it. */
        public String text() {
            return value.toPlainString();
        }

        @Override
        public String type() {
            return "N";
        }
    }

    record Bool(boolean value) implements AttrValue {
        @Override
        public String type() {
            return "BOOL";
        }
    }

    record Null() implements AttrValue {
        @Override
        public String type() {
            return "NULL";
        }
    }

    record L(List<AttrValue> values) implements AttrValue {
        public L {
            values = List.copyOf(values);
        }

        @Override
        public String type() {
            return "L";
        }
    }

    record M(SortedMap<String, AttrValue> values) implements AttrValue {
        public M(Map<String, AttrValue> values) {
            this(new TreeMap<>(values));
        }

        public M {
            values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
        }

        @Override
        public String type() {
            return "M";
        }
    }

    /** A string set; may be empty here, but DynamoDB never stores an empty set. */
    record SS(SortedSet<String> values) implements AttrValue {
        public SS {
            values = Collections.unmodifiableSortedSet(new TreeSet<>(values));
        }

        public static SS of(String... values) {
            return new SS(new TreeSet<>(List.of(values)));
        }

        @Override
        public String type() {
            return "SS";
        }
    }

    /** A number set (normalised numbers); may be empty here, but DynamoDB never stores an empty set. */
    record NS(SortedSet<BigDecimal> values) implements AttrValue {
        public NS {
            TreeSet<BigDecimal> normalised = new TreeSet<>();
            values.forEach(v -> normalised.add(Numbers.normalise(v)));
            values = Collections.unmodifiableSortedSet(normalised);
        }

        @Override
        public String type() {
            return "NS";
        }
    }

    static S s(String value) {
        return new S(value);
    }

    static N n(long value) {
        return N.of(value);
    }

    static N n(String value) {
        return N.of(value);
    }
}
