package dev.reproject.live;

import dev.reproject.aws.dynamodb.TableSchemas;
import dev.reproject.aws.dynamodb.TableWaits;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.item.Action;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.CombinedUpdate;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.Marker;
import dev.reproject.core.item.Update;
import dev.reproject.core.item.UpdateCombiner;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.retry.Backoff;
import dev.reproject.core.retry.Sleeper;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.view.Views;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static dev.reproject.live.Messages.TOPIC;
import static dev.reproject.live.Messages.id;
import static org.assertj.core.api.Assertions.assertThat;

/** The conditional UpdateItem on dynalite: applied, duplicates by the marker, and DynamoDB's refusals classified. */
@ExtendWith(LocalServersExtension.class)
class DynamoItemUpdaterIT {

    @Test
    void applies_counts_duplicates_and_classifies_refusals(LocalServers servers) throws Exception {
        try (LiveFixture fixture = new LiveFixture(servers, "live-updater-it")) {
            fixture.dynamo.createTable(TableSchemas.createTableRequest(fixture.name,
                    Views.byName("order-history").table()));
            TableWaits.untilExists(fixture.dynamo, fixture.name);
            ViewTable table = new ViewTable(fixture.dynamo, fixture.name, RebuildId.of(fixture.name,
                    new SnapshotId("20261130T090000.000Z")), "order-history", Views.byName("order-history").table());
            DynamoItemUpdater updater = new DynamoItemUpdater(fixture.dynamo, table, Backoff.DEFAULT, Sleeper.SYSTEM);

            assertThat(updater.apply(update(5, new Action.Set("orderStatus", new AttrValue.S("APPROVED")))))
                    .isEqualTo(WriteResult.APPLIED);
            assertThat(updater.apply(update(5, new Action.Set("orderStatus", new AttrValue.S("REJECTED")))))
                    .as("the same event again").isEqualTo(WriteResult.DUPLICATE);
            assertThat(updater.apply(update(4, new Action.Set("orderStatus", new AttrValue.S("REJECTED")))))
                    .as("an older event").isEqualTo(WriteResult.DUPLICATE);

            WriteResult mismatch = updater.apply(update(6, new Action.Add("orderStatus", AttrValue.N.of(1))));
            assertThat(mismatch).isInstanceOfSatisfying(WriteResult.Refused.class,
                    refused -> assertThat(refused.reason()).isEqualTo(RejectReason.INVALID_UPDATE));

            assertThat(updater.apply(update(7, new Action.Set("a", new AttrValue.S("x".repeat(250_000))))))
                    .isEqualTo(WriteResult.APPLIED);
            WriteResult tooLarge = updater.apply(update(8, new Action.Set("b", new AttrValue.S("y".repeat(250_000)))));
            assertThat(tooLarge).isInstanceOfSatisfying(WriteResult.Refused.class,
                    refused -> assertThat(refused.reason()).isEqualTo(RejectReason.ITEM_TOO_LARGE));

            // a combined write: applied only while the marker is below its first event, which the store checks
            CombinedUpdate combined = UpdateCombiner.then(CombinedUpdate.of(update(9, new Action.Set("c",
                    new AttrValue.S("first")))), update(10, new Action.Set("c", new AttrValue.S("second"))))
                    .orElseThrow();
            assertThat(updater.apply(combined)).isEqualTo(WriteResult.APPLIED);
            assertThat(updater.apply(combined)).as("its first event applied already").isEqualTo(WriteResult.DUPLICATE);

            Map<String, Item> items = fixture.items();
            assertThat(items.get("1").get("orderStatus")).contains(new AttrValue.S("APPROVED"));
            assertThat(items.get("1").get("c")).contains(new AttrValue.S("second"));
            assertThat(items.get("1").get("events." + TOPIC + "1")).contains(new AttrValue.S(id(10, 10)));
            assertThat(updater.calls()).isEqualTo(8);

            // the store checks a combined write's size after its last update only: 250 KB of a, then 200 KB of b
            // (too large alone), then a shrunk. Written as one by one leaves it: b refused, a shrunk
            CombinedUpdate growsThenShrinks = UpdateCombiner.then(CombinedUpdate.of(update(11, new Action.Set("b",
                    new AttrValue.S("y".repeat(200_000))))), update(12, new Action.Set("a", new AttrValue.S("small"))))
                    .orElseThrow();
            WriteResult corrected = updater.apply(growsThenShrinks);
            assertThat(corrected).isInstanceOfSatisfying(WriteResult.Corrected.class, c -> {
                assertThat(c.parts()).hasSize(2);
                assertThat(c.parts().get(0)).isInstanceOfSatisfying(WriteResult.Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(RejectReason.ITEM_TOO_LARGE));
                assertThat(c.parts().get(1)).isEqualTo(WriteResult.APPLIED);
            });
            Item after = fixture.items().get("1");
            assertThat(after.get("b")).as("b, refused one by one").isEmpty();
            assertThat(after.get("a")).contains(new AttrValue.S("small"));
            assertThat(after.get("c")).contains(new AttrValue.S("second"));
            assertThat(after.get("events." + TOPIC + "1")).contains(new AttrValue.S(id(12, 12)));
            assertThat(updater.calls()).as("the combined write and the item written again").isEqualTo(10);
            assertThat(updater.retries()).isZero();
        }
    }

    private static Update update(long n, Action action) {
        return Update.of(Map.of("orderId", new AttrValue.S("1")), List.of(action), Marker.of(TOPIC, "1", id(n, n)));
    }
}
