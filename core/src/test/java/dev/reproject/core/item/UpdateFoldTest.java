package dev.reproject.core.item;

import dev.reproject.core.reject.RejectReason;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.reproject.core.item.FoldFixture.*;
import static dev.reproject.core.item.Values.item;
import static dev.reproject.core.item.Values.n;
import static dev.reproject.core.item.Values.s;
import static dev.reproject.core.item.Values.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The marker condition, idempotence and the 400 KB limit. */
class UpdateFoldTest {

    @Nested
    class Condition {

        @Test
        void givenNoItem_thenTheItemIsTheKeyTheActionsAndTheMarker() {
            Item item = applied(FOLD.apply(Item.EMPTY, update("e1", new Action.Set("status", s("NEW")))));

            assertThat(item).isEqualTo(item("id", s("k1"), "status", s("NEW"), MARKER, s("e1")));
        }

        @Test
        void givenAnOlderMarker_thenTheUpdateApplies() {
            Item item = applied(FOLD.apply(stored(), update("e2", new Action.Set("status", s("OK")))));

            assertThat(item).isEqualTo(item("id", s("k1"), MARKER, s("e2"), "status", s("OK")));
        }

        @Test
        void givenTheSameEventAgain_thenItIsADuplicate_andApplyingTwiceEqualsOnce() {
            Update update = update("e1", new Action.Add("count", n(1)));
            Item once = applied(FOLD.apply(Item.EMPTY, update));

            assertThat(FOLD.apply(once, update)).isEqualTo(new FoldResult.Duplicate());
            assertThat(once).isEqualTo(item("id", s("k1"), "count", n(1), MARKER, s("e1")));
        }

        @Test
        void givenALaterEventAppliedFirst_thenTheEarlierOneIsIgnored() {
            Item afterLater = applied(FOLD.apply(Item.EMPTY, update("e5", new Action.Set("status", s("LATER")))));

            FoldResult earlier = FOLD.apply(afterLater, update("e3", new Action.Set("status", s("EARLIER"))));

            assertThat(earlier).isEqualTo(new FoldResult.Duplicate());
        }

        @Test
        void givenAnEarlierEventRedeliveredLater_thenItIsADuplicate() {
            Item item = Item.EMPTY;
            item = applied(FOLD.apply(item, update("e1", new Action.Add("count", n(1)))));
            item = applied(FOLD.apply(item, update("e2", new Action.Add("count", n(10)))));

            assertThat(FOLD.apply(item, update("e1", new Action.Add("count", n(1)))))
                    .isEqualTo(new FoldResult.Duplicate());
            assertThat(item.get("count")).contains(n(11));
        }

        @Test
        void markersCompareByUtf8Bytes_notByJavaChars() {
            String emoji = "\uD83D\uDE00"; // U+1F600: UTF-8 F0 9F 98 80, UTF-16 D83D DE00
            String last = "\uFFFF";         // U+FFFF:  UTF-8 EF BF BF,   UTF-16 FFFF
            assertThat(emoji.compareTo(last)).as("Java's order").isNegative();

            Item withEmoji = item("id", s("k1"), MARKER, s(emoji));
            Item withLast = item("id", s("k1"), MARKER, s(last));

            assertThat(FOLD.apply(withEmoji, update(last))).isEqualTo(new FoldResult.Duplicate());
            assertThat(applied(FOLD.apply(withLast, update(emoji))).get(MARKER)).contains(s(emoji));
        }

        @Test
        void aPrefixSortsFirst() {
            assertThat(applied(FOLD.apply(stored(), update("e10"))).get(MARKER)).contains(s("e10"));
            assertThat(FOLD.apply(item("id", s("k1"), MARKER, s("e10")), update("e1")))
                    .isEqualTo(new FoldResult.Duplicate());
        }

        @Test
        void givenAMarkerThatIsNotAString_thenTheConditionIsFalse() {
            assertThat(FOLD.apply(item("id", s("k1"), MARKER, n(1)), update("e2")))
                    .isEqualTo(new FoldResult.Duplicate());
        }

        @Test
        void markersOfOtherAggregatesCoexist() {
            Update other = Update.of(KEY, List.of(new Action.Set("b", s("B"))), Marker.of("Order", "2", "a1"));
            Item item = applied(FOLD.apply(Item.EMPTY, update("e1", new Action.Set("a", s("A")))));
            item = applied(FOLD.apply(item, other));

            assertThat(item).isEqualTo(item("id", s("k1"), "a", s("A"), "b", s("B"),
                    MARKER, s("e1"), "events.Order2", s("a1")));
            assertThat(FOLD.apply(item, other)).isEqualTo(new FoldResult.Duplicate());
        }

        @Test
        void givenADuplicateThatDynamoDbRefusesAnyway_thenItIsRejected_becauseRequestChecksComeFirst() {
            FoldResult result = FOLD.apply(stored(), update("e1", new Action.Set("tags", ss())));

            invalid(result);
        }

        @Test
        void givenADuplicateThatWouldMismatchTheItem_thenItIsADuplicate_becauseTheConditionComesFirst() {
            FoldResult result = FOLD.apply(stored("count", s("x")), update("e1", new Action.Add("count", n(1))));

            assertThat(result).isEqualTo(new FoldResult.Duplicate());
        }

        @Test
        void givenTheItemOfAnotherKey_thenItIsAProgrammingError() {
            assertThatThrownBy(() -> FOLD.apply(item("id", s("other")), update("e1")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not the item the update is for");
        }
    }

    @Nested
    class ItemTooLarge {

        /** id (2) + "k1" (2) + MARKER (13) + "e1" (2) + "big" (3) = 22 bytes besides the big string */
        static final int OVERHEAD = 22;

        @Test
        void anItemOfExactly400KB_isStored() {
            Item item = applied(
                    FOLD.apply(Item.EMPTY, update("e1", new Action.Set("big", s("x".repeat(409_600 - OVERHEAD))))));

            assertThat(ItemSize.of(item)).isEqualTo(409_600);
        }

        @Test
        void oneByteMore_isRejected_withTheSize() {
            FoldResult result = FOLD.apply(Item.EMPTY,
                    update("e1", new Action.Set("big", s("x".repeat(409_601 - OVERHEAD)))));

            assertThat(rejected(result, RejectReason.ITEM_TOO_LARGE)).contains("409601");
        }

        @Test
        void itCountsUtf8Bytes() {
            // "é" is 2 bytes: 204,790 of them are 409,580 bytes
            FoldResult result = FOLD.apply(Item.EMPTY, update("e1", new Action.Set("big", s("é".repeat(204_790)))));

            assertThat(rejected(result, RejectReason.ITEM_TOO_LARGE)).contains("409602");
        }

        @Test
        void growingAnExistingItemPastTheLimit_changesNothing() {
            Item item = applied(FOLD.apply(Item.EMPTY, update("e1", new Action.Set("big", s("x".repeat(300_000))))));

            FoldResult result = FOLD.apply(item, update("e2", new Action.Set("more", s("y".repeat(200_000)))));

            rejected(result, RejectReason.ITEM_TOO_LARGE);
        }

        @Test
        void aTypeErrorIsReportedBeforeTheSize() {
            FoldResult result = FOLD.apply(stored("n", s("x")), update("e2",
                    new Action.Set("big", s("x".repeat(500_000))), new Action.Add("n", n(1))));

            invalid(result);
        }
    }
}
