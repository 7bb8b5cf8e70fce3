package dev.reproject.core.item;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.reproject.core.item.FoldFixture.*;
import static dev.reproject.core.item.Values.item;
import static dev.reproject.core.item.Values.l;
import static dev.reproject.core.item.Values.m;
import static dev.reproject.core.item.Values.n;
import static dev.reproject.core.item.Values.ns;
import static dev.reproject.core.item.Values.s;
import static dev.reproject.core.item.Values.ss;
import static org.assertj.core.api.Assertions.assertThat;

/** What each action does to the item, and the type errors only the item reveals. */
class ActionRulesTest {

    @Nested
    class SetAndRemove {

        @Test
        void setReplacesAnyValue() {
            assertThat(after(stored("a", ss("x")), new Action.Set("a", m("k", l(n(1))))))
                    .isEqualTo(expected("a", m("k", l(n(1)))));
        }

        @Test
        void setIfNotExistsKeepsAnExistingValue() {
            assertThat(after(stored("a", s("old")), new Action.SetIfNotExists("a", s("new"))))
                    .isEqualTo(expected("a", s("old")));
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
            assertThat(after(stored("t", ss("a", "b")), new Action.Add("t", ss("b", "c"))))
                    .isEqualTo(expected("t", ss("a", "b", "c")));
            assertThat(after(stored("t", ns("1", "2")), new Action.Add("t", ns("2.0", "3"))))
                    .isEqualTo(expected("t", ns("1", "2", "3")));
        }

        @Test
        void aMissingSetIsCreated() {
            assertThat(after(stored(), new Action.Add("t", ns("1")))).isEqualTo(expected("t", ns("1")));
        }

        @Test
        void aNumberToANonNumber_isRefused() {
            assertThat(invalid(FOLD.apply(stored("n", s("1")), update("e2", new Action.Add("n", n(1))))))
                    .contains("incorrect data type");
            invalid(FOLD.apply(stored("n", ns("1")), update("e2", new Action.Add("n", n(1)))));
        }

        @Test
        void aSetToASetOfAnotherTypeOrANonSet_isRefused() {
            invalid(FOLD.apply(stored("t", ns("1")), update("e2", new Action.Add("t", ss("1")))));
            invalid(FOLD.apply(stored("t", l(s("a"))), update("e2", new Action.Add("t", ss("a")))));
            invalid(FOLD.apply(stored("t", n(1)), update("e2", new Action.Add("t", ns("1")))));
        }

        @Test
        void aValueThatIsNeitherNumberNorSet_isRefused_evenWithoutAnItem() {
            for (AttrValue value : List.of(s("x"), l(n(1)), m(), new AttrValue.Bool(true), new AttrValue.Null())) {
                assertThat(invalid(FOLD.apply(Item.EMPTY, update("e1", new Action.Add("a", value)))))
                        .contains("operator: ADD");
            }
        }

        @Test
        void aSumBeyond38Digits_isRefused() {
            // 1E+37 + 0.1 needs 39 significant digits
            assertThat(invalid(FOLD.apply(stored("n", n("1E+37")), update("e2", new Action.Add("n", n("0.1"))))))
                    .contains("38 significant digits");
        }

        @Test
        void aSumBeyondTheRange_isRefused() {
            invalid(FOLD.apply(stored("n", n("9.9E+125")), update("e2", new Action.Add("n", n("9.9E+125")))));
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
            assertThat(after(stored("t", ss("a", "b", "c")), new Action.Delete("t", ss("b", "x"))))
                    .isEqualTo(expected("t", ss("a", "c")));
            assertThat(after(stored("t", ns("1", "2")), new Action.Delete("t", ns("2.00"))))
                    .isEqualTo(expected("t", ns("1")));
        }

        @Test
        void aSetEmptiedDisappears() {
            assertThat(after(stored("t", ss("a", "b")), new Action.Delete("t", ss("a", "b", "c"))))
                    .isEqualTo(expected());
        }

        @Test
        void onAMissingAttribute_isANoOp() {
            assertThat(after(stored(), new Action.Delete("t", ss("a")))).isEqualTo(expected());
        }

        @Test
        void onAnAttributeOfAnotherType_isRefused() {
            invalid(FOLD.apply(stored("t", ns("1")), update("e2", new Action.Delete("t", ss("1")))));
            invalid(FOLD.apply(stored("t", s("a")), update("e2", new Action.Delete("t", ss("a")))));
        }

        @Test
        void withANonSetValue_isRefused_evenWithoutAnItem() {
            for (AttrValue value : List.of(s("x"), n(1), l(s("a")), m(), new AttrValue.Bool(false),
                    new AttrValue.Null())) {
                assertThat(invalid(FOLD.apply(Item.EMPTY, update("e1", new Action.Delete("a", value)))))
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
            assertThat(after(stored(), new Action.ListAppend("l", l(s("b")), true)))
                    .isEqualTo(expected("l", l(s("b"))));
            assertThat(after(stored(), new Action.ListAppend("l", l(), true))).isEqualTo(expected("l", l()));
        }

        @Test
        void onAMissingList_withoutIfNotExists_isRefused() {
            assertThat(invalid(FOLD.apply(stored(), update("e2", new Action.ListAppend("l", l(s("b")), false)))))
                    .contains("does not exist");
        }

        @Test
        void onANonList_isRefused() {
            invalid(FOLD.apply(stored("l", ss("a")), update("e2", new Action.ListAppend("l", l(s("b")), true))));
            invalid(FOLD.apply(stored("l", m()), update("e2", new Action.ListAppend("l", l(s("b")), false))));
        }

        @Test
        void withANonListValue_isRefused_evenWithoutAnItem() {
            invalid(FOLD.apply(Item.EMPTY, update("e1", new Action.ListAppend("l", s("b"), true))));
            invalid(FOLD.apply(Item.EMPTY, update("e1", new Action.ListAppend("l", ss("b"), true))));
        }
    }
}
