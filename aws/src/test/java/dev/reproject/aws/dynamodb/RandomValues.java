package dev.reproject.aws.dynamodb;

import dev.reproject.core.item.AttrValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.reproject.aws.dynamodb.RandomSequences.pick;

/** Random attribute values for {@link RandomSequences}: every type, nested, with the numbers and strings that matter. */
final class RandomValues {

    private static final String[] STRINGS = {"", "a", "b", "x y", "é", "€", "\uD83D\uDE00", "\uFFFF",
            "Chicken Vindaloo"};
    private static final String[] NUMBERS = {"0", "1", "-1", "1.5", "-0.25", "100", "1E+3", "12345.678", "-0.000001",
            "3.1415926535897932384626433832795028", "1E+100", "-1E-100"};
    private static final String[] SET_STRINGS = {"a", "b", "c", "é", ""};
    private static final String[] SET_NUMBERS = {"1", "2", "3", "-1", "0.5", "1E+2"};

    private final Random random;

    RandomValues(Random random) {
        this.random = random;
    }

    /** A number to ADD: mostly small, sometimes one whose sum leaves DynamoDB's range or 38 digits. */
    AttrValue addend() {
        int roll = random.nextInt(100);
        if (roll < 2) {
            return AttrValue.n("9.9E+125"); // twice is beyond DynamoDB's range
        }
        if (roll < 4) {
            return AttrValue.n("1" + "0".repeat(36) + ".5"); // 38 digits: a sum may need 39
        }
        if (roll < 20) {
            return AttrValue.n(pick(random, NUMBERS));
        }
        return AttrValue.n(random.nextInt(201) - 100);
    }

    /** Any type; lists and maps nest up to three levels. */
    AttrValue value(int depth) {
        int roll = random.nextInt(depth >= 3 ? 55 : 100);
        if (roll < 25) {
            return new AttrValue.S(random.nextInt(3) == 0 ? pick(random, STRINGS) : "s" + random.nextInt(1000));
        }
        if (roll < 45) {
            return number();
        }
        if (roll < 50) {
            return new AttrValue.Bool(random.nextBoolean());
        }
        if (roll < 55) {
            return new AttrValue.Null();
        }
        if (roll < 67) {
            List<AttrValue> elements = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                elements.add(value(depth + 1));
            }
            return new AttrValue.L(elements);
        }
        if (roll < 79) {
            TreeMap<String, AttrValue> entries = new TreeMap<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                entries.put(random.nextInt(5) == 0 ? "ключ" + i : "k" + i, value(depth + 1));
            }
            return new AttrValue.M(entries);
        }
        return random.nextBoolean() ? stringSet() : numberSet();
    }

    AttrValue number() {
        if (random.nextBoolean()) {
            return AttrValue.n(pick(random, NUMBERS));
        }
        return new AttrValue.N(BigDecimal.valueOf(random.nextInt(2_000_001) - 1_000_000, random.nextInt(4)));
    }

    /** One to three elements from a small pool, so that ADD and DELETE meet elements already there. */
    AttrValue.SS stringSet() {
        TreeSet<String> elements = new TreeSet<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            elements.add(pick(random, SET_STRINGS));
        }
        return new AttrValue.SS(elements);
    }

    AttrValue.NS numberSet() {
        TreeSet<BigDecimal> elements = new TreeSet<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            elements.add(new BigDecimal(pick(random, SET_NUMBERS)));
        }
        return new AttrValue.NS(elements);
    }
}
