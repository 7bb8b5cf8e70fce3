package dev.reproject.aws.dynamodb;

import dev.reproject.core.item.Action;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.FoldResult;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.ItemSize;
import dev.reproject.core.item.Marker;
import dev.reproject.core.item.Update;
import dev.reproject.core.item.UpdateFold;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule of the fold checked on dynalite, one update at a time: first where dynalite behaves as DynamoDB
 * (so the random comparison in {@link UpdateAlgebraAgreementIT} can rely on it), then where it does not
 * ({@link KnownDeviations}): there the fold follows DynamoDB's documentation and these tests pin what dynalite
 * 4.0.0 does instead, so that a dynalite upgrade that fixes one shows up here.
 */
@ExtendWith(LocalServersExtension.class)
class DynaliteDeviationsIT {

    private static final UpdateFold FOLD = new UpdateFold(RandomSequences.TABLE);
    private static final AtomicInteger KEYS = new AtomicInteger();

    private static DynamoDbClient client;
    private static String table;

    /** What the fold and dynalite did with one update, on the item as dynalite holds it. */
    record Both(FoldResult fold, DynamoOutcome dynalite) {
    }

    @BeforeAll
    static void createTable(LocalServers servers) {
        client = TestDynalite.client(servers);
        table = TestDynalite.createTable(client, "deviations", RandomSequences.TABLE);
    }

    @AfterAll
    static void dropTable() {
        if (client != null) {
            client.deleteTable(b -> b.tableName(table));
            client.close();
        }
    }

    @Nested
    class AsDynamoDb {

        @Test
        void requestChecksComeBeforeTheCondition() {
            SortedMap<String, AttrValue> key = newKey();
            both(update(key, "e2"));

            Both duplicateWithEmptySet = both(update(key, "e1", new Action.Set("a", AttrValue.SS.of())));

            assertThat(duplicateWithEmptySet.fold()).isInstanceOf(FoldResult.Rejected.class);
            assertThat(duplicateWithEmptySet.dynalite().kind()).isEqualTo(DynamoOutcome.Kind.REJECTED);
        }

        @Test
        void theConditionComesBeforeTypeErrorsAgainstTheItem() {
            SortedMap<String, AttrValue> key = newKey();
            both(update(key, "e2", new Action.Set("a", new AttrValue.S("text"))));

            Both duplicateWithMismatch = both(update(key, "e1", new Action.Add("a", AttrValue.n(1))));

            assertThat(duplicateWithMismatch.fold()).isInstanceOf(FoldResult.Duplicate.class);
            assertThat(duplicateWithMismatch.dynalite().kind()).isEqualTo(DynamoOutcome.Kind.DUPLICATE);
        }

        @Test
        void theItemSizeLimitIsEnforced_onTheItemAfterTheUpdate() {
            SortedMap<String, AttrValue> key = newKey();
            both(update(key, "e1", new Action.Set("a", new AttrValue.S("x".repeat(300_000)))));

            Both tooLarge = both(update(key, "e2", new Action.Set("b", new AttrValue.S("y".repeat(200_000)))));

            assertThat(tooLarge.fold()).isEqualTo(rejected(RejectReason.ITEM_TOO_LARGE, tooLarge.fold()));
            assertThat(tooLarge.dynalite().kind()).isEqualTo(DynamoOutcome.Kind.REJECTED);
            assertThat(tooLarge.dynalite().reason()).isEqualTo(RejectReason.ITEM_TOO_LARGE);
            assertThat(tooLarge.dynalite().message())
                    .contains("Item size to update has exceeded the maximum allowed size");
        }

        @Test
        void anItemOfExactly400KB_inAscii_isStored() {
            SortedMap<String, AttrValue> key = newKey();
            long overhead = ItemSize.of(Item.of(key)) + "events.T1".length() + "e1".length() + "big".length();

            Both exact = both(
                    update(key, "e1", new Action.Set("big", new AttrValue.S("x".repeat((int) (409_600 - overhead))))));

            assertThat(exact.fold()).isInstanceOf(FoldResult.Applied.class);
            assertThat(exact.dynalite().kind()).isEqualTo(DynamoOutcome.Kind.APPLIED);
        }

        /** DynamoDB: attribute names are at least one character long (dynalite: "not defined", still a 400). */
        @Test
        void anEmptyAttributeNameIsRefused() {
            Both both = both(update(newKey(), "e1", new Action.Set("", new AttrValue.S("x"))));

            assertThat(both.fold()).isInstanceOf(FoldResult.Rejected.class);
            assertThat(both.dynalite().kind()).isEqualTo(DynamoOutcome.Kind.REJECTED);
        }

        @Test
        void numbersComeBackNormalised() {
            SortedMap<String, AttrValue> key = newKey();
            both(update(key, "e1", new Action.Set("a", AttrValue.n("1.50")), new Action.Set("b", AttrValue.n("1E+3")),
                    new Action.Add("c", AttrValue.n("-0.000"))));

            assertThat(get(key).get("a")).contains(AttrValue.n("1.5"));
            assertThat(get(key).get("b")).contains(AttrValue.n(1000));
            assertThat(get(key).get("c")).contains(AttrValue.n(0));
        }
    }

    @Nested
    class Deviations {

        /** {@link KnownDeviations#MARKER_ORDER} */
        @Test
        void stringsCompareByUtf16CodeUnits() {
            SortedMap<String, AttrValue> key = newKey();
            both(update(key, "\uD83D\uDE00"));

            Both later = both(update(key, "\uFFFF"));

            assertThat(later.fold()).as("DynamoDB: U+FFFF (EF BF BF) < U+1F600 (F0 9F 98 80)")
                    .isInstanceOf(FoldResult.Duplicate.class);
            assertThat(later.dynalite().kind()).isEqualTo(DynamoOutcome.Kind.APPLIED);
        }

        /** {@link KnownDeviations#EMPTY_INDEX_KEY} */
        @Test
        void anEmptyStringIsAcceptedForAGsiKey() {
            Both both = both(update(newKey(), "e1", new Action.Set(RandomSequences.OWNER, new AttrValue.S(""))));

            assertThat(both.fold()).isInstanceOf(FoldResult.Rejected.class);
            assertThat(both.dynalite().kind()).isEqualTo(DynamoOutcome.Kind.APPLIED);
        }

        /** {@link KnownDeviations#ADD_OVERFLOW} */
        @Test
        void addResultsAreNotChecked() {
            SortedMap<String, AttrValue> key = newKey();
            both(update(key, "e1", new Action.Set("range", AttrValue.n("9.9E+125")),
                    new Action.Set("digits", AttrValue.n("1E+37"))));

            Both range = both(update(key, "e2", new Action.Add("range", AttrValue.n("9.9E+125"))));
            Both digits = both(update(key, "e3", new Action.Add("digits", AttrValue.n("0.1"))));

            assertThat(range.fold()).isInstanceOf(FoldResult.Rejected.class);
            assertThat(range.dynalite().kind()).isEqualTo(DynamoOutcome.Kind.APPLIED);
            assertThat(digits.fold()).isInstanceOf(FoldResult.Rejected.class);
            assertThat(digits.dynalite().kind()).isEqualTo(DynamoOutcome.Kind.APPLIED);
            assertThat(get(key).get("range")).contains(new AttrValue.N(new BigDecimal("1.98E+126")));
            assertThat(get(key).get("digits")).contains(new AttrValue.N(new BigDecimal("1" + "0".repeat(37) + ".1")));
        }

        /** {@link KnownDeviations#ITEM_SIZE}: 204,790 × "é" is 409,580 bytes in UTF-8 but 204,790 UTF-16 units. */
        @Test
        void itemSizeCountsUtf16CodeUnits() {
            Both both = both(update(newKey(), "e1", new Action.Set("big", new AttrValue.S("é".repeat(204_790)))));

            assertThat(both.fold()).isEqualTo(rejected(RejectReason.ITEM_TOO_LARGE, both.fold()));
            assertThat(both.dynalite().kind()).isEqualTo(DynamoOutcome.Kind.APPLIED);
        }

        /** {@link KnownDeviations#ITEM_SIZE}: dynalite sizes -1 as 3 bytes, DynamoDB's documented rule says 2. */
        @Test
        void itemSizeCountsNumbersItsOwnWay() {
            SortedMap<String, AttrValue> key = newKey();
            long overhead = ItemSize.of(Item.of(key)) + "events.T1".length() + "e1".length() + "big".length()
                    + "n".length() + 2;

            Both both = both(update(key, "e1", new Action.Set("n", AttrValue.n(-1)),
                    new Action.Set("big", new AttrValue.S("x".repeat((int) (409_600 - overhead))))));

            assertThat(both.fold()).isInstanceOf(FoldResult.Applied.class);
            assertThat(ItemSize.of(((FoldResult.Applied) both.fold()).item())).isEqualTo(409_600);
            assertThat(both.dynalite().reason()).isEqualTo(RejectReason.ITEM_TOO_LARGE);
        }

        /** DynamoDB: nested attributes up to 32 levels deep. */
        @Test
        void nestingIsNotLimited() {
            AttrValue value = new AttrValue.S("x");
            for (int i = 0; i < 33; i++) {
                value = new AttrValue.L(List.of(value));
            }
            Both both = both(update(newKey(), "e1", new Action.Set("deep", value)));

            assertThat(both.fold()).isInstanceOf(FoldResult.Rejected.class);
            assertThat(both.dynalite().kind()).isEqualTo(DynamoOutcome.Kind.APPLIED);
        }

        /** DynamoDB: an expression string is at most 4 KB. */
        @Test
        void expressionsAreNotLimitedTo4KB() {
            List<Action> actions = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                actions.add(new Action.Set("a" + i, AttrValue.n(i)));
            }
            Both both = both(update(newKey(), "e1", actions.toArray(Action[]::new)));

            assertThat(both.fold()).isInstanceOf(FoldResult.Rejected.class);
            assertThat(both.dynalite().kind()).isEqualTo(DynamoOutcome.Kind.APPLIED);
        }

        /** DynamoDB: a GSI partition key value is at most 2,048 bytes. */
        @Test
        void gsiKeyValuesAreNotLimited() {
            Both both = both(
                    update(newKey(), "e1", new Action.Set(RandomSequences.OWNER, new AttrValue.S("o".repeat(2049)))));

            assertThat(both.fold()).isInstanceOf(FoldResult.Rejected.class);
            assertThat(both.dynalite().kind()).isEqualTo(DynamoOutcome.Kind.APPLIED);
        }

        /** DynamoDB: a partition key is at most 2,048 bytes; dynalite counts UTF-16 code units. */
        @Test
        void keySizeCountsUtf16CodeUnits() {
            SortedMap<String, AttrValue> key = new TreeMap<>();
            key.put("pk", new AttrValue.S("é".repeat(1025)));
            key.put("sk", AttrValue.n(KEYS.incrementAndGet()));

            Both both = both(update(key, "e1"));

            assertThat(both.fold()).isInstanceOf(FoldResult.Rejected.class);
            assertThat(both.dynalite().kind()).isEqualTo(DynamoOutcome.Kind.APPLIED);
        }
    }

    private static SortedMap<String, AttrValue> newKey() {
        SortedMap<String, AttrValue> key = new TreeMap<>();
        key.put("pk", new AttrValue.S("k" + KEYS.incrementAndGet()));
        key.put("sk", AttrValue.n(1));
        return key;
    }

    private static Update update(SortedMap<String, AttrValue> key, String eventId, Action... actions) {
        return new Update(key, List.of(actions), Marker.of("T", "1", eventId));
    }

    private static Both both(Update update) {
        Item current = get(update.key());
        return new Both(FOLD.apply(current, update), DynamoOutcome.send(client, table, update));
    }

    private static Item get(SortedMap<String, AttrValue> key) {
        return AttributeValues.toItem(client.getItem(GetItemRequest.builder()
                .tableName(table).key(AttributeValues.toSdk(key)).consistentRead(true).build()).item());
    }

    /** {@code result} when it is a rejection for {@code reason}; fails otherwise. */
    private static FoldResult rejected(RejectReason reason, FoldResult result) {
        assertThat(result).isInstanceOf(FoldResult.Rejected.class);
        assertThat(((FoldResult.Rejected) result).reason()).isEqualTo(reason);
        return result;
    }
}
