package dev.reproject.verify;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.reproject.core.verify.KeyClass;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;

/**
 * The full report of a verify, {@code <snapshots>/<view>/verify/<runId>.json} (beside the snapshots, never taken for
 * one): what was compared, the counts by class, and every wrong key ({@code differences}, by key) with its class and
 * differing fields, keys and values in DynamoDB JSON. Streamed, so that a table wrong everywhere still fits.
 */
final class VerifyReport {

    static final String DIRECTORY = "verify";

    private static final JsonFactory JSON = new JsonFactory();

    private VerifyReport() {
    }

    static Path path(URI snapshotsRoot, String view, String runId) {
        return new Path(new Path(new Path(new Path(snapshotsRoot), view), DIRECTORY), runId + ".json");
    }

    /**
     * @param header    what was compared: written first, as given (strings, numbers, maps of them)
     * @param counts    keys by class
     * @param wrongRows key, class, fields (a JSON array), by key
     * @return where it is
     */
    static String write(Path target, Configuration conf, Map<String, Object> header, Map<KeyClass, Long> counts,
                        Iterator<Row> wrongRows)
            throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        try (FSDataOutputStream stream = fs.create(target, true);
             JsonGenerator out = JSON.createGenerator((OutputStream) stream, JsonEncoding.UTF8)) {
            out.writeStartObject();
            for (Map.Entry<String, Object> field : header.entrySet()) {
                out.writeFieldName(field.getKey());
                writeValue(out, field.getValue());
            }
            out.writeObjectFieldStart("counts");
            for (KeyClass keyClass : KeyClass.values()) {
                out.writeNumberField(keyClass.code(), counts.getOrDefault(keyClass, 0L));
            }
            out.writeEndObject();
            out.writeArrayFieldStart("differences");
            while (wrongRows.hasNext()) {
                Row row = wrongRows.next();
                out.writeStartObject();
                out.writeFieldName("key");
                out.writeRawValue(row.<String>getAs("key"));
                out.writeStringField("class", row.getAs("class"));
                out.writeFieldName("fields");
                out.writeRawValue(row.<String>getAs("fields"));
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        return target.toString();
    }

    private static void writeValue(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof Number number) {
            out.writeNumber(number.toString());
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(out, entry.getValue());
            }
            out.writeEndObject();
        } else {
            out.writeString(value.toString());
        }
    }
}
