package dev.reproject.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.Item;
import dev.reproject.core.verify.FieldDifference;
import dev.reproject.core.verify.ItemComparison;
import dev.reproject.core.verify.KeyClass;
import dev.reproject.core.verify.KeyVerdict;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

/**
 * A key of the join (key, expected item, actual item; either may be null) → its class by {@link ItemComparison} and,
 * unless equal, the differing fields as a JSON array: {@code [{"field":…,"expected":…,"actual":…}]} with the values
 * in DynamoDB JSON (null where absent).
 */
final class KeyCompare implements MapFunction<Row, Row> {

    static final StructType SCHEMA = new StructType()
            .add("key", DataTypes.StringType, false)
            .add("class", DataTypes.StringType, false)
            .add("fields", DataTypes.StringType, true);

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public Row call(Row joined) throws IOException {
        String key = joined.getAs("key");
        KeyVerdict verdict = ItemComparison.classify(item(joined, "expected"), item(joined, "actual"));
        String fields = verdict.keyClass() == KeyClass.EQUAL ? null : fieldsJson(verdict.fields());
        return RowFactory.create(key, verdict.keyClass().code(), fields);
    }

    private static Optional<Item> item(Row row, String column) {
        String json = row.getAs(column);
        return Optional.ofNullable(json).map(DynamoJson::readItem);
    }

    static String fieldsJson(List<FieldDifference> fields) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartArray();
            for (FieldDifference field : fields) {
                out.writeStartObject();
                out.writeStringField("field", field.field());
                out.writeFieldName("expected");
                raw(out, field.expected());
                out.writeFieldName("actual");
                raw(out, field.actual());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        return text.toString();
    }

    private static void raw(JsonGenerator out, String json) throws IOException {
        if (json == null) {
            out.writeNull();
        } else {
            out.writeRawValue(json);
        }
    }
}
