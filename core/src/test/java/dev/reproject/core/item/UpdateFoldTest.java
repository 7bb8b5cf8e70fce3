package dev.reproject.core.item;

import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.TableSchema.GlobalIndex;
import dev.reproject.core.view.TableSchema.KeyAttribute;
import dev.reproject.core.view.TableSchema.KeyType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.reproject.core.item.Values.item;
import static dev.reproject.core.item.Values.l;
import static dev.reproject.core.item.Values.m;
import static dev.reproject.core.item.Values.map;
import static dev.reproject.core.item.Values.n;
import static dev.reproject.core.item.Values.ns;
import static dev.reproject.core.item.Values.s;
import static dev.reproject.core.item.Values.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpdateFoldTest {

    /** hash key id (S); GSI by-owner: owner (S), created (N) */
    static final TableSchema TABLE = new TableSchema("things", new KeyAttribute("id", KeyType.S), Optional.empty(),
            List.of(new GlobalIndex("by-owner", new KeyAttribute("owner", KeyType.S),
                    Optional.of(new KeyAttribute("created", KeyType.N)))));
    /** hash key pk (S), range key sk (N) */
    static final TableSchema COMPOSITE = new TableSchema("pairs", new KeyAttribute("pk", KeyType.S),
            Optional.of(new KeyAttribute("sk", KeyType.N)), List.of());

    static final String MARKER = "events.Order1";
    static final Map<String, AttrValue> KEY = map("id", s("k1"));

    private final UpdateFold fold = new UpdateFold(TABLE);

    static Update update(String eventId, Action... actions) {
        return Update.of(KEY, List.of(actions), Marker.of("Order", "1", eventId));
    }

    static Item applied(FoldResult result) {
        assertThat(result).isInstanceOf(FoldResult.Applied.class);
        return ((FoldResult.Applied) result).item();
    }

    static String rejected(FoldResult result, RejectReason reason) {
        assertThat(result).isInstanceOf(FoldResult.Rejected.class);
        FoldResult.Rejected rejected = (FoldResult.Rejected) result;
        assertThat(rejected.reason()).isEqualTo(reason);
        return rejected.detail();
    }

    static String invalid(FoldResult result) {
        return rejected(result, RejectReason.INVALID_UPDATE);
    }

    /** The item after applying {@code actions} to {@code current} with a new event. */
    Item after(Item current, Action... actions) {
        return applied(fold.apply(current, update("e9", actions)));
    }

    static Item stored(Object... namesAndValues) {
        List<Object> all = new ArrayList<>(List.of("id", s("k1"), MARKER, s("e1")));
        all.addAll(List.of(namesAndValues));
        return item(all.toArray());
    }

    static Item expected(Object... namesAndValues) {
        List<Object> all = new ArrayList<>(List.of("id", s("k1"), MARKER, s("e9")));
        all.addAll(List.of(namesAndValues));
        return item(all.toArray());
    }

    @Nested
    class Condition {

        @Test
        void givenNoItem_thenTheItemIsTheKeyTheActionsAndTheMarker() {
            Item item = applied(fold.apply(Item.EMPTY, update("e1", new Action.Set("status", s("NEW")))));

            assertThat(item).isEqualTo(item("id", s("k1"), "status", s("NEW"), MARKER, s("e1")));
        }

        @Test
        void givenAnOlderMarker_thenTheUpdateApplies() {
            Item item = applied(fold.apply(stored(), update("e2", new Action.Set("status", s("OK")))));

            assertThat(item).isEqualTo(item("id", s("k1"), MARKER, s("e2"), "status", s("OK")));
        }

        @Test
        void givenTheSameEventAgain_thenItIsADuplicate_andApplyingTwiceEqualsOnce() {
            Update update = update("e1", new Action.Add("count", n(1)));
            Item once = applied(fold.apply(Item.EMPTY, update));

            assertThat(fold.apply(once, update)).isEqualTo(new FoldResult.Duplicate());
            assertThat(once).isEqualTo(item("id", s("k1"), "count", n(1), MARKER, s("e1")));
        }

        @Test
        void givenALaterEventAppliedFirst_thenTheEarlierOneIsIgnored() {
            Item afterLater = applied(fold.apply(Item.EMPTY, update("e5", new Action.Set("status", s("LATER")))));

            FoldResult earlier = fold.apply(afterLater, update("e3", new Action.Set("status", s("EARLIER"))));

            assertThat(earlier).isEqualTo(new FoldResult.Duplicate());
        }

        @Test
        void givenAnEarlierEventRedeliveredLater_thenItIsADuplicate() {
            Item item = Item.EMPTY;
            item = applied(fold.apply(item, update("e1", new Action.Add("count", n(1)))));
            item = applied(fold.apply(item, update("e2", new Action.Add("count", n(10)))));

            assertThat(fold.apply(item, update("e1", new Action.Add("count", n(1))))).isEqualTo(new FoldResult.Duplicate());
            assertThat(item.get("count")).contains(n(11));
        }

        @Test
        void markersCompareByUtf8Bytes_notByJavaChars() {
            String emoji = "\uD83D\uDE00"; // U+1F600: UTF-8 F0 9F 98 80, UTF-16 D83D DE00
            String last = "\uFFFF";         // U+FFFF:  UTF-8 EF BF BF,   UTF-16 FFFF
            assertThat(emoji.compareTo(last)).as("Java's order").isNegative();

            Item withEmoji = item("id", s("k1"), MARKER, s(emoji));
            Item withLast = item("id", s("k1"), MARKER, s(last));

            assertThat(fold.apply(withEmoji, update(last))).isEqualTo(new FoldResult.Duplicate());
            assertThat(applied(fold.apply(withLast, update(emoji))).get(MARKER)).contains(s(emoji));
        }

        @Test
        void aPrefixSortsFirst() {
            assertThat(applied(fold.apply(stored(), update("e10"))).get(MARKER)).contains(s("e10"));
            assertThat(fold.apply(item("id", s("k1"), MARKER, s("e10")), update("e1"))).isEqualTo(new FoldResult.Duplicate());
        }

        @Test
        void givenAMarkerThatIsNotAString_thenTheConditionIsFalse() {
            assertThat(fold.apply(item("id", s("k1"), MARKER, n(1)), update("e2"))).isEqualTo(new FoldResult.Duplicate());
        }

        @Test
        void markersOfOtherAggregatesCoexist() {
            Update other = Update.of(KEY, List.of(new Action.Set("b", s("B"))), Marker.of("Order", "2", "a1"));
            Item item = applied(fold.apply(Item.EMPTY, update("e1", new Action.Set("a", s("A")))));
            item = applied(fold.apply(item, other));

            assertThat(item).isEqualTo(item("id", s("k1"), "a", s("A"), "b", s("B"),
                    MARKER, s("e1"), "events.Order2", s("a1")));
            assertThat(fold.apply(item, other)).isEqualTo(new FoldResult.Duplicate());
        }

        @Test
        void givenADuplicateThatDynamoDbRefusesAnyway_thenItIsRejected_becauseRequestChecksComeFirst() {
            FoldResult result = fold.apply(stored(), update("e1", new Action.Set("tags", ss())));

            invalid(result);
        }

        @Test
        void givenADuplicateThatWouldMismatchTheItem_thenItIsADuplicate_becauseTheConditionComesFirst() {
            FoldResult result = fold.apply(stored("count", s("x")), update("e1", new Action.Add("count", n(1))));

            assertThat(result).isEqualTo(new FoldResult.Duplicate());
        }

        @Test
        void givenTheItemOfAnotherKey_thenItIsAProgrammingError() {
            assertThatThrownBy(() -> fold.apply(item("id", s("other")), update("e1")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not the item the update is for");
        }
    }

    @Nested
    class SetAndRemove {

        @Test
        void setReplacesAnyValue() {
            assertThat(after(stored("a", ss("x")), new Action.Set("a", m("k", l(n(1)))))).isEqualTo(expected("a", m("k", l(n(1)))));
        }

        @Test
        void setIfNotExistsKeepsAnExistingValue() {
            assertThat(after(stored("a", s("old")), new Action.SetIfNotExists("a", s("new")))).isEqualTo(expected("a", s("old")));
        }

        @Test
        void setIfNotExistsSetsAMissingValue() {
            assertThat(after(stored(), new Action.SetIfNotExists("a", s("new")))).isEqualTo(expected("a", s("new")));
        }

        @Test
        void removeDeletesTheAttribute_andIsANoOpWhenMissing() {
            assertThat(after(stored("a", s("x"), "b", n(2)), new Action.Remove("a"), new Action.Remove("missing")))
                    .isEqualTo(expected("b", n(2)));
        }

        @Test
        void emptyStringsListsAndMapsAreValues() {
            assertThat(after(stored(), new Action.Set("a", s("")), new Action.Set("b", l()), new Action.Set("c", m())))
                    .isEqualTo(expected("a", s(""), "b", l(), "c", m()));
        }

        @Test
        void actionsSeeTheOriginalItem() {
            // if_not_exists reads the item before the update, whatever comes before it in the list
            Item item = after(stored(), new Action.Remove("missing"), new Action.SetIfNotExists("a", s("new")));

            assertThat(item).isEqualTo(expected("a", s("new")));
        }
    }

    @Nested
    class Add {

        @Test
        void addsToANumber_keepingItNormalised() {
            assertThat(after(stored("n", n("1.50")), new Action.Add("n", n("0.5")))).isEqualTo(expected("n", n(2)));
            assertThat(after(stored("n", n(5)), new Action.Add("n", n(-5))).get("n")).contains(n("-0"));
        }

        @Test
        void aMissingNumberStartsAtZero() {
            assertThat(after(stored(), new Action.Add("n", n("-2.5")))).isEqualTo(expected("n", n("-2.5")));
        }

        @Test
        void addsElementsToASet() {
            assertThat(after(stored("t", ss("a", "b")), new Action.Add("t", ss("b", "c")))).isEqualTo(expected("t", ss("a", "b", "c")));
            assertThat(after(stored("t", ns("1", "2")), new Action.Add("t", ns("2.0", "3")))).isEqualTo(expected("t", ns("1", "2", "3")));
        }

        @Test
        void aMissingSetIsCreated() {
            assertThat(after(stored(), new Action.Add("t", ns("1")))).isEqualTo(expected("t", ns("1")));
        }

        @Test
        void aNumberToANonNumber_isRefused() {
            assertThat(invalid(fold.apply(stored("n", s("1")), update("e2", new Action.Add("n", n(1))))))
                    .contains("incorrect data type");
            invalid(fold.apply(stored("n", ns("1")), update("e2", new Action.Add("n", n(1)))));
        }

        @Test
        void aSetToASetOfAnotherTypeOrANonSet_isRefused() {
            invalid(fold.apply(stored("t", ns("1")), update("e2", new Action.Add("t", ss("1")))));
            invalid(fold.apply(stored("t", l(s("a"))), update("e2", new Action.Add("t", ss("a")))));
            invalid(fold.apply(stored("t", n(1)), update("e2", new Action.Add("t", ns("1")))));
        }

        @Test
        void aValueThatIsNeitherNumberNorSet_isRefused_evenWithoutAnItem() {
            for (AttrValue value : List.of(s("x"), l(n(1)), m(), new AttrValue.Bool(true), new AttrValue.Null())) {
                assertThat(invalid(fold.apply(Item.EMPTY, update("e1", new Action.Add("a", value)))))
                        .contains("operator: ADD");
            }
        }

        @Test
        void aSumBeyond38Digits_isRefused() {
            // 1E+37 + 0.1 needs 39 significant digits
            assertThat(invalid(fold.apply(stored("n", n("1E+37")), update("e2", new Action.Add("n", n("0.1"))))))
                    .contains("38 significant digits");
        }

        @Test
        void aSumBeyondTheRange_isRefused() {
            invalid(fold.apply(stored("n", n("9.9E+125")), update("e2", new Action.Add("n", n("9.9E+125")))));
        }

        @Test
        void aSumThatRoundsToFewDigits_isFine() {
            // 38 nines + 1 = 1E+38: one significant digit
            String nines = "9".repeat(38);
            assertThat(after(stored("n", n(nines)), new Action.Add("n", n(1))).get("n")).contains(n("1E+38"));
        }
    }

    @Nested
    class Delete {

        @Test
        void takesElementsFromASet() {
            assertThat(after(stored("t", ss("a", "b", "c")), new Action.Delete("t", ss("b", "x")))).isEqualTo(expected("t", ss("a", "c")));
            assertThat(after(stored("t", ns("1", "2")), new Action.Delete("t", ns("2.00")))).isEqualTo(expected("t", ns("1")));
        }

        @Test
        void aSetEmptiedDisappears() {
            assertThat(after(stored("t", ss("a", "b")), new Action.Delete("t", ss("a", "b", "c")))).isEqualTo(expected());
        }

        @Test
        void onAMissingAttribute_isANoOp() {
            assertThat(after(stored(), new Action.Delete("t", ss("a")))).isEqualTo(expected());
        }

        @Test
        void onAnAttributeOfAnotherType_isRefused() {
            invalid(fold.apply(stored("t", ns("1")), update("e2", new Action.Delete("t", ss("1")))));
            invalid(fold.apply(stored("t", s("a")), update("e2", new Action.Delete("t", ss("a")))));
        }

        @Test
        void withANonSetValue_isRefused_evenWithoutAnItem() {
            for (AttrValue value : List.of(s("x"), n(1), l(s("a")), m(), new AttrValue.Bool(false), new AttrValue.Null())) {
                assertThat(invalid(fold.apply(Item.EMPTY, update("e1", new Action.Delete("a", value)))))
                        .contains("operator: DELETE");
            }
        }
    }

    @Nested
    class ListAppend {

        @Test
        void appendsToAList() {
            assertThat(after(stored("l", l(s("a"))), new Action.ListAppend("l", l(s("b"), n(1)), false)))
                    .isEqualTo(expected("l", l(s("a"), s("b"), n(1))));
        }

        @Test
        void onAMissingList_withIfNotExists_startsFromEmpty() {
            assertThat(after(stored(), new Action.ListAppend("l", l(s("b")), true))).isEqualTo(expected("l", l(s("b"))));
            assertThat(after(stored(), new Action.ListAppend("l", l(), true))).isEqualTo(expected("l", l()));
        }

        @Test
        void onAMissingList_withoutIfNotExists_isRefused() {
            assertThat(invalid(fold.apply(stored(), update("e2", new Action.ListAppend("l", l(s("b")), false)))))
                    .contains("does not exist");
        }

        @Test
        void onANonList_isRefused() {
            invalid(fold.apply(stored("l", ss("a")), update("e2", new Action.ListAppend("l", l(s("b")), true))));
            invalid(fold.apply(stored("l", m()), update("e2", new Action.ListAppend("l", l(s("b")), false))));
        }

        @Test
        void withANonListValue_isRefused_evenWithoutAnItem() {
            invalid(fold.apply(Item.EMPTY, update("e1", new Action.ListAppend("l", s("b"), true))));
            invalid(fold.apply(Item.EMPTY, update("e1", new Action.ListAppend("l", ss("b"), true))));
        }
    }

    @Nested
    class RequestChecks {

        @Test
        void anActionOnAKeyAttribute() {
            assertThat(invalid(fold.apply(Item.EMPTY, update("e1", new Action.Set("id", s("k2"))))))
                    .contains("part of the key");
            invalid(fold.apply(Item.EMPTY, update("e1", new Action.Remove("id"))));
        }

        @Test
        void twoActionsOnOneAttribute() {
            assertThat(invalid(fold.apply(Item.EMPTY, update("e1", new Action.Set("a", s("x")), new Action.Remove("a")))))
                    .contains("overlap");
        }

        @Test
        void anActionOnTheMarker() {
            invalid(fold.apply(Item.EMPTY, update("e1", new Action.Set(MARKER, s("e7")))));
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
                invalid(fold.apply(Item.EMPTY, Update.of(key, List.of(), marker)));
            }
            assertThat(fold.apply(Item.EMPTY, Update.of(map("id", s("é".repeat(1024))), List.of(), marker)))
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
                assertThat(invalid(fold.apply(Item.EMPTY, update("e1", action)))).as(action.toString()).contains("empty");
            }
        }

        @Test
        void aNumberOutOfRangeAnywhere() {
            invalid(fold.apply(Item.EMPTY, update("e1", new Action.Set("a", n("1" + "0".repeat(37) + ".5")))));
            invalid(fold.apply(Item.EMPTY, update("e1", new Action.Set("a", l(n("1E+126"))))));
            invalid(fold.apply(Item.EMPTY, update("e1", new Action.Set("a", ns("1E-131")))));
            assertThat(fold.apply(Item.EMPTY, update("e1", new Action.Set("a", n("9.9E+125")), new Action.Set("b", n("1E-130")))))
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
                assertThat(invalid(fold.apply(Item.EMPTY, update("e1", action)))).as(action.toString()).contains("Index Key");
            }
        }

        @Test
        void aGsiKeyValueThatIsAnEmptyString() {
            assertThat(invalid(fold.apply(Item.EMPTY, update("e1", new Action.Set("owner", s(""))))))
                    .contains("empty string");
        }

        @Test
        void aGsiKeyCanBeSetAddedToAndRemoved() {
            Item item = after(stored("created", n(1)), new Action.Set("owner", s("o")), new Action.Add("created", n(2)));
            assertThat(item).isEqualTo(expected("owner", s("o"), "created", n(3)));
            Item removed = applied(fold.apply(item, update("e99", new Action.Remove("owner"))));
            assertThat(removed).isEqualTo(item("id", s("k1"), MARKER, s("e99"), "created", n(3)));
        }

        @Test
        void anEmptyAttributeName() {
            invalid(fold.apply(Item.EMPTY, update("e1", new Action.Set("", s("x")))));
            invalid(fold.apply(Item.EMPTY, Update.of(KEY, List.of(), new Marker("", "e1"))));
        }

        @Test
        void nestingDeeperThan32Levels() {
            AttrValue value = s("x");
            for (int i = 0; i < 32; i++) {
                value = i % 2 == 0 ? l(value) : m("k", value);
            }
            assertThat(fold.apply(Item.EMPTY, update("e1", new Action.Set("a", value)))).isInstanceOf(FoldResult.Applied.class);
            invalid(fold.apply(Item.EMPTY, update("e1", new Action.Set("a", l(value)))));
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

            assertThat(invalid(fold.apply(Item.EMPTY, update("e1", actions.toArray(Action[]::new))))).contains("Expression size");
            assertThat(fold.apply(Item.EMPTY, update("e1", actions.subList(0, 100).toArray(Action[]::new))))
                    .isInstanceOf(FoldResult.Applied.class);
        }
    }

    @Nested
    class ItemTooLarge {

        /** id (2) + "k1" (2) + MARKER (13) + "e1" (2) + "big" (3) = 22 bytes besides the big string */
        static final int OVERHEAD = 22;

        @Test
        void anItemOfExactly400KB_isStored() {
            Item item = applied(fold.apply(Item.EMPTY, update("e1", new Action.Set("big", s("x".repeat(409_600 - OVERHEAD))))));

            assertThat(ItemSize.of(item)).isEqualTo(409_600);
        }

        @Test
        void oneByteMore_isRejected_withTheSize() {
            FoldResult result = fold.apply(Item.EMPTY, update("e1", new Action.Set("big", s("x".repeat(409_601 - OVERHEAD)))));

            assertThat(rejected(result, RejectReason.ITEM_TOO_LARGE)).contains("409601");
        }

        @Test
        void itCountsUtf8Bytes() {
            // "é" is 2 bytes: 204,790 of them are 409,580 bytes
            FoldResult result = fold.apply(Item.EMPTY, update("e1", new Action.Set("big", s("é".repeat(204_790)))));

            assertThat(rejected(result, RejectReason.ITEM_TOO_LARGE)).contains("409602");
        }

        @Test
        void growingAnExistingItemPastTheLimit_changesNothing() {
            Item item = applied(fold.apply(Item.EMPTY, update("e1", new Action.Set("big", s("x".repeat(300_000))))));

            FoldResult result = fold.apply(item, update("e2", new Action.Set("more", s("y".repeat(200_000)))));

            rejected(result, RejectReason.ITEM_TOO_LARGE);
        }

        @Test
        void aTypeErrorIsReportedBeforeTheSize() {
            FoldResult result = fold.apply(stored("n", s("x")), update("e2",
                    new Action.Set("big", s("x".repeat(500_000))), new Action.Add("n", n(1))));

            invalid(result);
        }
    }
}
