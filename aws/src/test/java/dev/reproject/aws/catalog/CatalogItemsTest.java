package dev.reproject.aws.catalog;

import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogItemsTest {

    private static final SourcePartition P0 = new SourcePartition("orders", 0);
    private static final SourcePartition P12 = new SourcePartition("orders", 12);
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00.123Z");
    private static final RebuildId ID = RebuildId.of("ftgo-order-history", new SnapshotId("20261130T115714.123Z"));

    private static final RebuildEntry LIVE = RebuildEntry.loading(ID, "order-history", "s3a://b/archive",
            Watermark.of(Map.of(P0, 9L)), T0)
            .loaded(Map.of("itemsWritten", 5000L, "retries", 0L), Watermark.of(Map.of(P0, 11L, P12, 3L)),
                    T0.plusSeconds(1))
            .live(Map.of(P0, new LivePosition(12, 0), P12, new LivePosition(4, 0)), T0.plusSeconds(2));

    @Test
    void anEntry_roundTrips() {
        assertThat(CatalogItems.fromItem(CatalogItems.toItem(LIVE))).isEqualTo(LIVE);
        RebuildEntry loading = RebuildEntry.loading(ID, "v", "a", Watermark.empty(), T0);
        assertThat(CatalogItems.fromItem(CatalogItems.toItem(loading))).isEqualTo(loading);
    }

    @Test
    void theItem_isReadableByPeople() {
        Map<String, AttributeValue> item = CatalogItems.toItem(LIVE);

        assertThat(item.get("rebuildId").s()).isEqualTo("ftgo-order-history@20261130T115714.123Z");
        assertThat(item.get("tableName").s()).isEqualTo("ftgo-order-history");
        assertThat(item.get("snapshotId").s()).isEqualTo("20261130T115714.123Z");
        assertThat(item.get("handoff").s()).isEqualTo("{\"orders\":{\"0\":11,\"12\":3}}");
        assertThat(item.get("counts").m().get("itemsWritten").n()).isEqualTo("5000");
        assertThat(item.get("livePositions").m().get("orders").m().get("12").m().get("offset").n()).isEqualTo("4");
        assertThat(item.get("status").s()).isEqualTo("LIVE");
        assertThat(item.get("lastLiveUpdate").s()).isEqualTo("2026-11-30T12:00:02.123Z");
    }

    @Test
    void anUnreadableItem_isNamedWithWhatIsWrong() {
        Map<String, AttributeValue> item = new HashMap<>(CatalogItems.toItem(LIVE));
        item.remove("handoff");

        assertThatThrownBy(() -> CatalogItems.fromItem(item))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ID.value()).hasMessageContaining("'handoff' is missing");
    }
}
