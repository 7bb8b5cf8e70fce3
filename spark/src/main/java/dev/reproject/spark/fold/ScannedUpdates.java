package dev.reproject.spark.fold;

import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.UpdateBinary;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.ViewResult;
import dev.reproject.core.view.Views;
import dev.reproject.spark.archive.ScanLayout;
import dev.reproject.spark.archive.ScannedLine;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The scan layout of the fold: each event goes through the view in the task that decodes it, and the scan keeps
 * only what the fold needs of it — the view key and the update in {@link UpdateBinary} form, a skip, or the view's
 * {@code invalid-event} reject — instead of the event's headers and payload. Its {@link
 * dev.reproject.spark.archive.ArchiveScan#records()} are {@link FoldRows#SCHEMA} rows, ready for {@link
 * ViewFold#foldUpdates}.
 */
public final class ScannedUpdates implements ScanLayout {

    private static final long serialVersionUID = 1L;
    /** A record the view rejected; {@link FoldRows#REJECT} once taken (the scan's own rejects are another kind). */
    private static final String INVALID = "INVALID";
    private static final StructField[] FIELDS = new StructType()
            .add("key", DataTypes.StringType, true)
            .add("update", DataTypes.BinaryType, true)
            .fields();

    private final String viewName;

    private ScannedUpdates(String viewName) {
        this.viewName = viewName;
    }

    public static ScannedUpdates of(String viewName) {
        return new ScannedUpdates(viewName);
    }

    @Override
    public StructField[] recordFields() {
        return FIELDS.clone();
    }

    @Override
    public Column[] takenColumns() {
        Column[] columns = new Column[FoldRows.SCHEMA.fields().length];
        for (int i = 0; i < columns.length; i++) {
            StructField field = FoldRows.SCHEMA.fields()[i];
            columns[i] = switch (field.name()) {
                case "kind" -> when(col("kind").equalTo(INVALID), lit(FoldRows.REJECT)).otherwise(col("kind"))
                        .as("kind");
                case "key", "update", "topic", "partition", "offset", "file", "line", "reason", "detail" ->
                    col(field.name());
                default -> lit(null).cast(field.dataType()).as(field.name());
            };
        }
        return columns;
    }

    @Override
    public RecordRows rows() {
        ViewDefinition view = Views.byName(viewName);
        return (file, line, event, payload) -> {
            ViewResult result = EventUpdates.result(() -> view.update(event, payload));
            if (result instanceof ViewResult.Handled handled) {
                return ScannedLine.record(FoldRows.UPDATE, file, event, line, FIELDS.length,
                        DynamoJson.write(new Item(handled.update().key())), UpdateBinary.write(handled.update()));
            }
            if (result instanceof ViewResult.Invalid invalid) {
                return ScannedLine.recordRejected(INVALID, file, event, line, FIELDS.length,
                        RejectReason.INVALID_EVENT.code(), invalid.detail(), positionKey(event), null);
            }
            return ScannedLine.record(FoldRows.SKIP, file, event, line, FIELDS.length, positionKey(event), null);
        };
    }

    /** As {@link FoldRows#positionKey}: sorts before every real key, and never equals one. */
    private static String positionKey(DomainEvent event) {
        return "\u0000" + event.source().topic() + "/" + event.source().partition() + "/" + event.source().offset();
    }
}
