package dev.reproject.core.item;

import dev.reproject.core.reject.RejectReason;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.reproject.core.item.FoldFixture.FOLD;
import static dev.reproject.core.item.FoldFixture.KEY;
import static dev.reproject.core.item.FoldFixture.MARKER;
import static dev.reproject.core.item.FoldFixture.applied;
import static dev.reproject.core.item.FoldFixture.stored;
import static dev.reproject.core.item.FoldFixture.update;
import static dev.reproject.core.item.Values.l;
import static dev.reproject.core.item.Values.n;
import static dev.reproject.core.item.Values.ns;
import static dev.reproject.core.item.Values.s;
import static dev.reproject.core.item.Values.ss;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A combined write against the same updates written one by one, by the fold (DynamoDB's semantics): whenever the
 * combined write applies, every update would have applied in turn and the item is the same; whenever one of them
 * would have been refused or a duplicate, the combined write is not applied (the writer then goes one by one).
 */
class UpdateCombinerTest {

    /** Every kind of action on attribute a, with values of several types. */
    private static final List<Action> ACTIONS = List.of(
            new Action.Set("a", s("x")), new Action.Set("a", n(5)), new Action.Set("a", ss("p", "q")),
            new Action.Set("a", ns("3")), new Action.Set("a", l(s("z"))),
            new Action.SetIfNotExists("a", s("y")), new Action.SetIfNotExists("a", n(1)),
            new Action.Add("a", n(2)), new Action.Add("a", ss("q", "r")), new Action.Add("a", ns("1")),
            new Action.Delete("a", ss("p")), new Action.Delete("a", ns("1")), new Action.Remove("a"),
            new Action.ListAppend("a", l(s("w")), true), new Action.ListAppend("a", l(s("w")), false));

    /** Items k1 with marker e1 and attribute a missing or of each type. */
    private static final List<Item> ITEMS = List.of(stored(), stored("a", s("old")), stored("a", n(7)),
            stored("a", ss("p")), stored("a", ns("1", "2")), stored("a", l(s("v"))), Item.EMPTY);

    @Test
    void everyPairAndTripleOfActions_combinedAppliesOnlyWhenOneByOneAppliesEveryUpdate_andGivesTheSameItem() {
        int combined = 0;
        int checked = 0;
        for (Action first : ACTIONS) {
            for (Action second : ACTIONS) {
                combined += check(List.of(update("e2", first), update("e3", second, new Action.Set("b", n(1)))));
                for (Action third : List.of(new Action.Set("a", s("x")), new Action.Add("a", ss("s")),
                        new Action.Remove("a"), new Action.ListAppend("a", l(s("t")), true))) {
                    combined += check(List.of(update("e2", first), update("e3", second), update("e4", third)));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(ACTIONS.size() * ACTIONS.size() * 4);
        assertThat(combined).as("sequences that combine into one write").isGreaterThan(200);
    }

    /** @return 1 when the updates combined into one write */
    private static int check(List<Update> updates) {
        Optional<CombinedUpdate> combination = combine(updates);
        if (combination.isEmpty()) {
            return 0;
        }
        CombinedUpdate write = combination.get();
        assertThat(write.events()).isEqualTo(updates.size());
        assertThat(write.firstEventId()).isEqualTo(updates.get(0).marker().eventId());
        assertThat(write.update().marker()).isEqualTo(updates.get(updates.size() - 1).marker());
        for (Item start : ITEMS) {
            FoldResult together = FOLD.apply(start, write);
            Item item = start;
            boolean everyOneApplied = true;
            for (Update update : updates) {
                FoldResult alone = FOLD.apply(item, update);
                if (alone instanceof FoldResult.Applied applied) {
                    item = applied.item();
                } else {
                    everyOneApplied = false;
                }
            }
            if (together instanceof FoldResult.Applied applied) {
                assertThat(everyOneApplied).as("%s on %s: combined applied, one by one did not", updates, start)
                        .isTrue();
                assertThat(applied.item()).as("%s on %s", updates, start).isEqualTo(item);
            }
        }
        return 1;
    }

    private static Optional<CombinedUpdate> combine(List<Update> updates) {
        Optional<CombinedUpdate> soFar = Optional.of(CombinedUpdate.of(updates.get(0)));
        for (Update next : updates.subList(1, updates.size())) {
            soFar = soFar.flatMap(c -> UpdateCombiner.then(c, next));
        }
        return soFar;
    }

    @Test
    void statusChangesOfOneOrder_combineIntoOneWriteOfTheLastStatusAndMarker() {
        Update created = update("e2", new Action.Set("status", s("PENDING")), new Action.Set("total", n(10)));
        Update approved = update("e3", new Action.Set("status", s("APPROVED")));

        CombinedUpdate write = UpdateCombiner.then(CombinedUpdate.of(created), approved).orElseThrow();

        assertThat(write.update().actions()).containsExactly(new Action.Set("status", s("APPROVED")),
                new Action.Set("total", n(10)));
        assertThat(write.firstEventId()).isEqualTo("e2");
        assertThat(applied(FOLD.apply(stored(), write))).isEqualTo(
                stored("status", s("APPROVED"), "total", n(10)).with(MARKER, s("e3")));
    }

    @Test
    void anItemTooLargeOnlyAfterAnEarlierPart_isWrittenCombined_andOneByOneRefusesThatPartAlone() {
        String kb250 = "a".repeat(250_000);
        String kb200 = "b".repeat(200_000);
        Item before = stored("a", s(kb250)); // marker e1
        Update grows = update("e2", new Action.Set("b", s(kb200))); // 450 KB after it: refused alone
        Update shrinks = update("e3", new Action.Set("a", s("x"))); // 200 KB after both
        CombinedUpdate write = UpdateCombiner.then(CombinedUpdate.of(grows), shrinks).orElseThrow();

        assertThat(FOLD.apply(before, write)).as("the combined write checks the size after its last part only")
                .isInstanceOf(FoldResult.Applied.class);
        OneByOne oneByOne = FOLD.oneByOne(before, write).orElseThrow();

        assertThat(oneByOne.results()).hasSize(2);
        assertThat(oneByOne.results().get(0)).isInstanceOfSatisfying(FoldResult.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.ITEM_TOO_LARGE));
        assertThat(oneByOne.results().get(1)).isInstanceOf(FoldResult.Applied.class);
        assertThat(oneByOne.item()).isEqualTo(stored("a", s("x")).with(MARKER, s("e3")));
    }

    @Test
    void whenEveryPartAppliesInTurn_oneByOneHasNothingToCorrect() {
        Update first = update("e2", new Action.Set("status", s("A")));
        CombinedUpdate write = UpdateCombiner.then(CombinedUpdate.of(first), update("e3", new Action.Set("b",
                s("x")))).orElseThrow();

        assertThat(FOLD.oneByOne(stored(), write)).isEmpty();
        assertThat(FOLD.oneByOne(Item.EMPTY, write)).isEmpty();
    }

    @Test
    void givenTheFirstEventAppliedAlready_thenTheCombinedWriteIsADuplicate() {
        Update first = update("e2", new Action.Set("status", s("A")));
        Update second = update("e3", new Action.Set("status", s("B")));
        CombinedUpdate write = UpdateCombiner.then(CombinedUpdate.of(first), second).orElseThrow();
        Item afterFirst = applied(FOLD.apply(stored(), first));

        assertThat(FOLD.apply(afterFirst, write)).isEqualTo(new FoldResult.Duplicate());
        assertThat(FOLD.apply(stored(), write)).isInstanceOf(FoldResult.Applied.class);
    }

    @Test
    void updatesOfAnotherAggregateKeyOrAnEarlierEvent_doNotCombine() {
        CombinedUpdate first = CombinedUpdate.of(update("e2", new Action.Set("status", s("A"))));

        assertThat(UpdateCombiner.then(first, update("e2", new Action.Set("status", s("B"))))).isEmpty();
        assertThat(UpdateCombiner.then(first, update("e1", new Action.Set("status", s("B"))))).isEmpty();
        assertThat(UpdateCombiner.then(first, Update.of(KEY, List.of(), Marker.of("Ticket", "1", "e3")))).isEmpty();
        assertThat(UpdateCombiner.then(first, Update.of(Map.of("id", s("k2")), List.of(),
                Marker.of("Order", "1", "e3")))).isEmpty();
    }

    @Test
    void aCombinedWriteIsRenderedWithTheFirstEventIdInItsCondition_aSingleOneAsBefore() {
        Update first = update("e2", new Action.Set("status", s("A")));
        CombinedUpdate write = UpdateCombiner.then(CombinedUpdate.of(first), update("e3")).orElseThrow();

        RenderedUpdate rendered = UpdateExpressions.render(write);

        assertThat(rendered.conditionExpression()).isEqualTo("attribute_not_exists(#m) OR #m < :firstEventId");
        assertThat(rendered.values()).containsEntry(":firstEventId", s("e2")).containsEntry(":eventId", s("e3"));
        assertThat(UpdateExpressions.render(CombinedUpdate.of(first))).isEqualTo(UpdateExpressions.render(first));
        assertThat(UpdateExpressions.render(first).conditionExpression())
                .isEqualTo("attribute_not_exists(#m) OR #m < :eventId");
    }
}
