package dev.reproject.rebuild.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.aws.dynamodb.TableWaits;
import dev.reproject.aws.s3.S3Location;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * What ImportTable does, done on the local servers (dynalite has no ImportTable): the table created from the
 * request's creation parameters, then every object under the directory's S3 prefix (S3Proxy) read as GZIP, each line
 * parsed strictly as ImportTable's DYNAMODB_JSON input ({@code {"Item":{...}}}, one typed value per attribute) by this
 * class alone, and put with {@code BatchWriteItem} calls of 25.
 */
public final class LocalTableImport implements TableImport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 25;

    private final S3Client s3;
    private final DynamoDbClient dynamo;

    public LocalTableImport(S3Client s3, DynamoDbClient dynamo) {
        this.s3 = s3;
        this.dynamo = dynamo;
    }

    @Override
    public void requireReadable(String directory) {
        if (!S3Location.isS3(directory)) {
            throw new IllegalArgumentException("the local importer reads S3 only, not " + directory);
        }
    }

    @Override
    public ImportResult run(String directory, CreateTableRequest table) {
        S3Location source = S3Location.parse(directory);
        dynamo.createTable(table);
        TableWaits.untilExists(dynamo, table.tableName());
        long items = 0;
        long bytes = 0;
        List<WriteRequest> batch = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(source.bucket()).prefix(source.prefix() + "/"))
                .contents()) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                    s3.getObject(b -> b.bucket(source.bucket()).key(object.key()))), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
                    batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(line)).build())
                            .build());
                    items++;
                    if (batch.size() == BATCH) {
                        write(table.tableName(), batch);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + object.key(), e);
            }
        }
        write(table.tableName(), batch);
        return new ImportResult("local-import:" + directory, items, items, 0, bytes);
    }

    private void write(String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> unprocessed = batch.isEmpty() ? Map.of() : Map.of(table, List.copyOf(batch));
        while (!unprocessed.isEmpty()) {
            Map<String, List<WriteRequest>> sent = unprocessed;
            unprocessed = dynamo.batchWriteItem(b -> b.requestItems(sent)).unprocessedItems();
        }
        batch.clear();
    }

    /** A line of DYNAMODB_JSON: an object with the one field {@code Item}. */
    static Map<String, AttributeValue> item(String line) throws IOException {
        JsonNode node = JSON.readTree(line);
        if (!node.isObject() || node.size() != 1 || !node.path("Item").isObject()) {
            throw new IllegalArgumentException("not {\"Item\":{...}}: " + line);
        }
        return attributes(node.get("Item"));
    }

    private static Map<String, AttributeValue> attributes(JsonNode object) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> attributes.put(field.getKey(), value(field.getValue())));
        return attributes;
    }

    private static AttributeValue value(JsonNode typed) {
        if (!typed.isObject() || typed.size() != 1) {
            throw new IllegalArgumentException("not one typed value: " + typed);
        }
        Map.Entry<String, JsonNode> only = typed.fields().next();
        JsonNode v = only.getValue();
        return switch (only.getKey()) {
            case "S" -> AttributeValue.fromS(text(v));
            case "N" -> AttributeValue.fromN(text(v));
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(decode(v)));
            case "BOOL" -> AttributeValue.fromBool(bool(v));
            case "NULL" -> AttributeValue.fromNul(bool(v));
            case "SS" -> AttributeValue.fromSs(texts(v));
            case "NS" -> AttributeValue.fromNs(texts(v));
            case "L" -> AttributeValue.fromL(elements(v).stream().map(LocalTableImport::value).toList());
            case "M" -> AttributeValue.fromM(attributes(object(v)));
            default -> throw new IllegalArgumentException("unknown type " + only.getKey() + " in " + typed);
        };
    }

    private static String text(JsonNode v) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException("expected a string, got " + v);
        }
        return v.textValue();
    }

    private static boolean bool(JsonNode v) {
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("expected true or false, got " + v);
        }
        return v.booleanValue();
    }

    private static byte[] decode(JsonNode v) {
        return java.util.Base64.getDecoder().decode(text(v));
    }

    private static JsonNode object(JsonNode v) {
        if (!v.isObject()) {
            throw new IllegalArgumentException("expected an object, got " + v);
        }
        return v;
    }

    private static List<JsonNode> elements(JsonNode v) {
        if (!v.isArray()) {
            throw new IllegalArgumentException("expected an array, got " + v);
        }
        List<JsonNode> elements = new ArrayList<>();
        for (Iterator<JsonNode> it = v.elements(); it.hasNext();) {
            elements.add(it.next());
        }
        return elements;
    }

    private static List<String> texts(JsonNode v) {
        return elements(v).stream().map(LocalTableImport::text).toList();
    }
}
