package dev.reproject.core.item;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.reproject.core.item.FoldFixture.*;
import static dev.reproject.core.item.Values.item;
import static dev.reproject.core.item.Values.l;
import static dev.reproject.core.item.Values.m;
import static dev.reproject.core.item.Values.map;
import static dev.reproject.core.item.Values.n;
import static dev.reproject.core.item.Values.ns;
import static dev.reproject.core.item.Values.s;
import static dev.reproject.core.item.Values.ss;
import static org.assertj.core.api.Assertions.assertThat;

/** What DynamoDB refuses whatever the item holds. */
class RequestChecksTest {

    @Test
    void anActionOnAKeyAttribute() {
        assertThat(invalid(FOLD.apply(Item.EMPTY, update("e1", new Action.Set("id", s("k2"))))))
                .contains("part of the key");
        invalid(FOLD.apply(Item.EMPTY, update("e1", new Action.Remove("id"))));
    }

    @Test
    void twoActionsOnOneAttribute() {
        assertThat(invalid(FOLD.apply(Item.EMPTY, update("e1", new Action.Set("a", s("x")), new Action.Remove("a")))))
                .contains("overlap");
    }

    @Test
    void anActionOnTheMarker() {
        invalid(FOLD.apply(Item.EMPTY, update("e1", new Action.Set(MARKER, s("e7")))));
    }

    @Test
    void aKeyThatDoesNotMatchTheSchema() {
        Marker marker = Marker.of("Order", "1", "e1");
        for (Map<String, AttrValue> key : List.of(
                map("id", n(1)),                       // wrong type
                map("id", s("")),                      // empty string
                map("id", s("k"), "other", s("x")),    // extra
                map("other", s("x")),                  // missing
                map("id", s("x".repeat(2049))))) {     // hash key over 2048 bytes
            invalid(FOLD.apply(Item.EMPTY, Update.of(key, List.of(), marker)));
        }
        assertThat(FOLD.apply(Item.EMPTY, Update.of(map("id", s("é".repeat(1024))), List.of(), marker)))
                .as("2048 bytes").isInstanceOf(FoldResult.Applied.class);
    }

    @Test
    void aCompositeKey() {
        UpdateFold composite = new UpdateFold(COMPOSITE);
        Marker marker = Marker.of("Order", "1", "e1");

        assertThat(composite.apply(Item.EMPTY, Update.of(map("pk", s("a"), "sk", n("1.0")), List.of(), marker)))
                .isEqualTo(new FoldResult.Applied(item("pk", s("a"), "sk", n(1), MARKER, s("e1"))));
        invalid(composite.apply(Item.EMPTY, Update.of(map("pk", s("a")), List.of(), marker)));
        invalid(composite.apply(Item.EMPTY, Update.of(map("pk", s("a"), "sk", s("1")), List.of(), marker)));
        invalid(composite.apply(Item.EMPTY, Update.of(map("pk", s("a"), "sk", n(1)),
                List.of(new Action.Add("sk", n(1))), marker)));
    }

    @Test
    void anEmptySetAnywhere() {
        List<Action> actions = List.of(
                new Action.Set("a", ss()),
                new Action.Set("a", ns()),
                new Action.SetIfNotExists("a", ss()),
                new Action.Add("a", ns()),
                new Action.Delete("a", ss()),
                new Action.Set("a", l(s("x"), l(ss()))),
                new Action.Set("a", m("k", m("j", ns()))),
                new Action.ListAppend("a", l(ss()), true));
        for (Action action : actions) {
            assertThat(invalid(FOLD.apply(Item.EMPTY, update("e1", action)))).as(action.toString()).contains("empty");
        }
    }

    @Test
    void aNumberOutOfRangeAnywhere() {
        invalid(FOLD.apply(Item.EMPTY, update("e1", new Action.Set("a", n("1" + "0".repeat(37) + ".5")))));
        invalid(FOLD.apply(Item.EMPTY, update("e1", new Action.Set("a", l(n("1E+126"))))));
        invalid(FOLD.apply(Item.EMPTY, update("e1", new Action.Set("a", ns("1E-131")))));
        assertThat(FOLD.apply(Item.EMPTY,
                update("e1", new Action.Set("a", n("9.9E+125")), new Action.Set("b", n("1E-130")))))
                .isInstanceOf(FoldResult.Applied.class);
    }

    @Test
    void aGsiKeyValueOfTheWrongType() {
        for (Action action : List.of(
                new Action.Set("owner", n(1)),
                new Action.SetIfNotExists("created", s("x")),
                new Action.Add("created", ns("1")),
                new Action.Delete("owner", ss("a")),
                new Action.ListAppend("owner", l(), true))) {
            assertThat(invalid(FOLD.apply(Item.EMPTY, update("e1", action)))).as(action.toString())
                    .contains("Index Key");
        }
    }

    @Test
    void aGsiKeyValueThatIsAnEmptyString() {
        assertThat(invalid(FOLD.apply(Item.EMPTY, update("e1", new Action.Set("owner", s(""))))))
                .contains("empty string");
    }

    @Test
    void aGsiKeyCanBeSetAddedToAndRemoved() {
        Item item = after(stored("created", n(1)), new Action.Set("owner", s("o")), new Action.Add("created", n(2)));
        assertThat(item).isEqualTo(expected("owner", s("o"), "created", n(3)));
        Item removed = applied(FOLD.apply(item, update("e99", new Action.Remove("owner"))));
        assertThat(removed).isEqualTo(item("id", s("k1"), MARKER, s("e99"), "created", n(3)));
    }

    @Test
    void anEmptyAttributeName() {
        invalid(FOLD.apply(Item.EMPTY, update("e1", new Action.Set("", s("x")))));
        invalid(FOLD.apply(Item.EMPTY, Update.of(KEY, List.of(), new Marker("", "e1"))));
    }

    @Test
    void nestingDeeperThan32Levels() {
        AttrValue value = s("x");
        for (int i = 0; i < 32; i++) {
            value = i % 2 == 0 ? l(value) : m("k", value);
        }
        assertThat(FOLD.apply(Item.EMPTY, update("e1", new Action.Set("a", value))))
                .isInstanceOf(FoldResult.Applied.class);
        invalid(FOLD.apply(Item.EMPTY, update("e1", new Action.Set("a", l(value)))));
    }

    @Test
    void anUpdateExpressionOver4KB() {
        List<Action> actions = new ArrayList<>();
        // "SET " + n * "#aI = :vI, " + "#m = :eventId": 300 actions render to more than 4,096 characters
        for (int i = 0; i < 300; i++) {
            actions.add(new Action.Set("a" + i, n(i)));
        }
        String expression = UpdateExpressions.render(update("e1", actions.toArray(Action[]::new))).updateExpression();
        assertThat(expression.length()).isGreaterThan(4096);

        assertThat(invalid(FOLD.apply(Item.EMPTY, update("e1", actions.toArray(Action[]::new)))))
                .contains("Expression size");
        assertThat(FOLD.apply(Item.EMPTY, update("e1", actions.subList(0, 100).toArray(Action[]::new))))
                .isInstanceOf(FoldResult.Applied.class);
    }
}
