package dev.reproject.spark.fold;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.event.SourcePosition;
import dev.reproject.core.item.Action;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Marker;
import dev.reproject.core.item.Update;
import dev.reproject.core.item.UpdateBinary;
import dev.reproject.spark.archive.ScanLayout;
import dev.reproject.spark.archive.ScannedLine;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fold's scan layout: each decoded event through the view at once, keeping key, update and position only. */
class ScannedUpdatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScannedUpdates LAYOUT = ScannedUpdates.of(ScanTestView.NAME);
    private static final StructType SCHEMA = ScannedLine.schema(LAYOUT);

    private final ScanLayout.RecordRows rows = LAYOUT.rows();

    @Test
    void givenAHandledEvent_thenAnUpdateRow_withTheViewKeyAndTheUpdateInBinaryForm_fromThePayloadTree()
            throws IOException {
        DomainEvent event = event("Set", "{\"a\":\"x\"}");

        Row row = rows.event("f.json", 7, event, JSON.readTree("{\"a\":\"from the tree\"}"));

        assertThat(text(row, "kind")).isEqualTo(FoldRows.UPDATE);
        assertThat(text(row, "key")).isEqualTo("{\"id\":{\"S\":\"o1\"}}");
        assertThat(UpdateBinary.readUpdate((byte[]) row.get(SCHEMA.fieldIndex("update")))).isEqualTo(Update.of(
                Map.of("id", AttrValue.s("o1")), List.of(new Action.Set("a", AttrValue.s("from the tree"))),
                Marker.of("Agg", "o1", "id-1")));
        assertPosition(row);
        assertThat(row.get(SCHEMA.fieldIndex("reason"))).isNull();
    }

    @Test
    void givenAnEventTheViewFindsInvalid_thenAnInvalidEventReject_underItsPositionKey() {
        Row row = rows.event("f.json", 7, event("Bad", "{}"), JSON.createObjectNode());

        assertThat(text(row, "kind")).isEqualTo("INVALID");
        assertThat(text(row, "reason")).isEqualTo("invalid-event");
        assertThat(text(row, "detail")).isEqualTo("bad on purpose");
        assertThat(text(row, "key")).isEqualTo("\u0000t/2/41");
        assertThat(row.get(SCHEMA.fieldIndex("update"))).isNull();
        assertPosition(row);
    }

    @Test
    void givenAViewThatThrows_thenAnInvalidEventRejectNamingTheFailure() {
        Row row = rows.event("f.json", 7, event("Boom", "{}"), JSON.createObjectNode());

        assertThat(text(row, "kind")).isEqualTo("INVALID");
        assertThat(text(row, "reason")).isEqualTo("invalid-event");
        assertThat(text(row, "detail"))
                .isEqualTo("the view failed on this event: java.lang.IllegalStateException: boom");
    }

    @Test
    void givenAnUnhandledEvent_thenASkip_underItsPositionKey() {
        Row row = rows.event("f.json", 7, event("Other", "{}"), JSON.createObjectNode());

        assertThat(text(row, "kind")).isEqualTo(FoldRows.SKIP);
        assertThat(text(row, "key")).isEqualTo("\u0000t/2/41");
        assertThat(row.get(SCHEMA.fieldIndex("update"))).isNull();
        assertPosition(row);
    }

    @Test
    void theRowsHaveTheScansColumnsAndOnlyKeyAndUpdateOfTheEvent() {
        assertThat(SCHEMA.fieldNames()).containsExactly("kind", "file", "topic", "partition", "offset", "line", "key",
                "update", "reason", "detail", "raw", "lineCount");
        assertThat(rows.event("f.json", 7, event("Set", "{}"), JSON.createObjectNode().put("a", "x")).length())
                .isEqualTo(SCHEMA.length());
    }

    private static DomainEvent event(String type, String payload) {
        return new DomainEvent("id-1", type, "Agg", "o1", Instant.parse("2026-12-01T00:00:00Z"), payload,
                SourcePosition.of("t", 2, 41));
    }

    private static void assertPosition(Row row) {
        assertThat(text(row, "file")).isEqualTo("f.json");
        assertThat(text(row, "topic")).isEqualTo("t");
        assertThat(row.getInt(SCHEMA.fieldIndex("partition"))).isEqualTo(2);
        assertThat(row.getLong(SCHEMA.fieldIndex("offset"))).isEqualTo(41L);
        assertThat(row.getLong(SCHEMA.fieldIndex("line"))).isEqualTo(7L);
    }

    private static String text(Row row, String column) {
        return (String) row.get(SCHEMA.fieldIndex(column));
    }
}
