package dev.reproject.aws.dynamodb;

import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.TableSchema.KeyAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code CreateTable} request for a view's {@link TableSchema}: keys, attribute definitions, GSIs (projection ALL). */
public final class TableSchemas {

    private TableSchemas() {
    }

    /** On demand ({@code PAY_PER_REQUEST}). */
    public static CreateTableRequest createTableRequest(String table, TableSchema schema) {
        return builder(table, schema, Optional.empty()).billingMode(BillingMode.PAY_PER_REQUEST).build();
    }

    /** Provisioned, with the same throughput for the table and each of its indexes. */
    public static CreateTableRequest createTableRequest(String table, TableSchema schema,
                                                        ProvisionedThroughput throughput) {
        Objects.requireNonNull(throughput, "throughput");
        return builder(table, schema, Optional.of(throughput))
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(throughput)
                .build();
    }

    private static CreateTableRequest.Builder builder(String table, TableSchema schema,
                                                      Optional<ProvisionedThroughput> throughput) {
        Objects.requireNonNull(table, "table");
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (TableSchema.GlobalIndex index : schema.indexes()) {
            GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(keySchema(index.hashKey(), index.rangeKey()))
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build());
            throughput.ifPresent(gsi::provisionedThroughput);
            indexes.add(gsi.build());
        }
        CreateTableRequest.Builder builder = CreateTableRequest.builder()
                .tableName(table)
                .keySchema(keySchema(schema.hashKey(), schema.rangeKey()))
                .attributeDefinitions(attributeDefinitions(schema));
        if (!indexes.isEmpty()) {
            builder.globalSecondaryIndexes(indexes);
        }
        return builder;
    }

    private static List<KeySchemaElement> keySchema(KeyAttribute hash, Optional<KeyAttribute> range) {
        List<KeySchemaElement> elements = new ArrayList<>();
        elements.add(KeySchemaElement.builder().attributeName(hash.name()).keyType(KeyType.HASH).build());
        range.ifPresent(
                r -> elements.add(KeySchemaElement.builder().attributeName(r.name()).keyType(KeyType.RANGE).build()));
        return elements;
    }

    /** One definition per key attribute of the table and its indexes. */
    private static List<AttributeDefinition> attributeDefinitions(TableSchema schema) {
        Map<String, KeyAttribute> byName = new LinkedHashMap<>();
        for (KeyAttribute attribute : schema.allKeyAttributes()) {
            KeyAttribute other = byName.putIfAbsent(attribute.name(), attribute);
            if (other != null && other.type() != attribute.type()) {
                throw new IllegalArgumentException("key attribute " + attribute.name() + " is declared as both "
                        + other.type() + " and " + attribute.type() + " in table schema " + schema.defaultName());
            }
        }
        return byName.values().stream()
                .map(a -> AttributeDefinition.builder()
                        .attributeName(a.name())
                        .attributeType(
                                a.type() == TableSchema.KeyType.S ? ScalarAttributeType.S : ScalarAttributeType.N)
                        .build())
                .toList();
    }

    /**
     * How an existing table differs from what the view needs: its key schema, the types of the key attributes, and
     * each of the view's indexes with its keys. Empty when it fits; more indexes than the view's are fine.
     */
    public static List<String> differences(TableDescription table, TableSchema schema) {
        List<String> differences = new ArrayList<>();
        Map<String, ScalarAttributeType> types = new LinkedHashMap<>();
        table.attributeDefinitions().forEach(d -> types.put(d.attributeName(), d.attributeType()));
        List<KeySchemaElement> expectedKeys = keySchema(schema.hashKey(), schema.rangeKey());
        if (!sameKeys(table.keySchema(), expectedKeys)) {
            differences.add("its key is " + describe(table.keySchema()) + ", the view's is " + describe(expectedKeys));
        }
        for (KeyAttribute attribute : schema.allKeyAttributes()) {
            ScalarAttributeType type = types.get(attribute.name());
            if (type != null && !type.toString().equals(attribute.type().name())) {
                differences.add("key attribute " + attribute.name() + " is of type " + type + ", the view's is "
                        + attribute.type());
            }
        }
        Map<String, List<KeySchemaElement>> indexes = new LinkedHashMap<>();
        table.globalSecondaryIndexes().forEach(index -> indexes.put(index.indexName(), index.keySchema()));
        for (TableSchema.GlobalIndex index : schema.indexes()) {
            List<KeySchemaElement> expected = keySchema(index.hashKey(), index.rangeKey());
            List<KeySchemaElement> actual = indexes.get(index.name());
            if (actual == null) {
                differences.add("it has no index " + index.name() + " (" + describe(expected) + ")");
            } else if (!sameKeys(actual, expected)) {
                differences.add("its index " + index.name() + " is keyed " + describe(actual) + ", the view's is "
                        + describe(expected));
            }
        }
        return differences;
    }

    private static boolean sameKeys(List<KeySchemaElement> actual, List<KeySchemaElement> expected) {
        return describe(actual).equals(describe(expected));
    }

    /** {@code orderId (HASH), creationDate (RANGE)}, hash key first. */
    private static String describe(List<KeySchemaElement> keys) {
        return keys.stream()
                .sorted((a, b) -> a.keyType() == b.keyType() ? 0 : a.keyType() == KeyType.HASH ? -1 : 1)
                .map(k -> k.attributeName() + " (" + k.keyTypeAsString() + ")")
                .collect(Collectors.joining(", "));
    }
}
