package dev.reproject.aws.dynamodb;

import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.TableSchema.GlobalIndex;
import dev.reproject.core.view.TableSchema.KeyAttribute;
import dev.reproject.core.view.TableSchema.KeyType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableSchemasTest {

    /** The order history table of CONTRACT.md §4. */
    private static final TableSchema ORDERS = new TableSchema("ftgo-order-history",
            new KeyAttribute("orderId", KeyType.S), Optional.empty(),
            List.of(new GlobalIndex("ftgo-order-history-by-consumer-id-and-creation-time",
                    new KeyAttribute("consumerId", KeyType.S),
                    Optional.of(new KeyAttribute("creationDate", KeyType.N)))));

    @Test
    void onDemandByDefault_withKeysDefinitionsAndIndexes() {
        CreateTableRequest request = TableSchemas.createTableRequest("orders", ORDERS);

        assertThat(request.tableName()).isEqualTo("orders");
        assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(request.provisionedThroughput()).isNull();
        assertThat(request.keySchema()).containsExactly(hash("orderId"));
        assertThat(request.attributeDefinitions()).containsExactly(
                definition("orderId", ScalarAttributeType.S),
                definition("consumerId", ScalarAttributeType.S),
                definition("creationDate", ScalarAttributeType.N));
        GlobalSecondaryIndex index = request.globalSecondaryIndexes().get(0);
        assertThat(request.globalSecondaryIndexes()).hasSize(1);
        assertThat(index.indexName()).isEqualTo("ftgo-order-history-by-consumer-id-and-creation-time");
        assertThat(index.keySchema()).containsExactly(hash("consumerId"),
                KeySchemaElement.builder().attributeName("creationDate").keyType("RANGE").build());
        assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        assertThat(index.provisionedThroughput()).isNull();
    }

    @Test
    void provisioned_givesTheIndexesTheSameThroughput() {
        ProvisionedThroughput throughput = ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(7L)
                .build();

        CreateTableRequest request = TableSchemas.createTableRequest("orders", ORDERS, throughput);

        assertThat(request.billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(request.provisionedThroughput()).isEqualTo(throughput);
        assertThat(request.globalSecondaryIndexes().get(0).provisionedThroughput()).isEqualTo(throughput);
    }

    @Test
    void aKeyAttributeSharedByTableAndIndexIsDefinedOnce() {
        TableSchema schema = new TableSchema("t", new KeyAttribute("pk", KeyType.S),
                Optional.of(new KeyAttribute("sk", KeyType.N)),
                List.of(new GlobalIndex("by-sk", new KeyAttribute("sk", KeyType.N), Optional.empty())));

        CreateTableRequest request = TableSchemas.createTableRequest("t", schema);

        assertThat(request.keySchema()).containsExactly(hash("pk"),
                KeySchemaElement.builder().attributeName("sk").keyType("RANGE").build());
        assertThat(request.attributeDefinitions()).containsExactly(
                definition("pk", ScalarAttributeType.S), definition("sk", ScalarAttributeType.N));
    }

    @Test
    void withoutIndexes_noIndexListIsSent() {
        TableSchema schema = new TableSchema("t", new KeyAttribute("pk", KeyType.S), Optional.empty(), List.of());

        assertThat(TableSchemas.createTableRequest("t", schema).hasGlobalSecondaryIndexes()).isFalse();
    }

    @Test
    void conflictingTypesAreRefused() {
        TableSchema schema = new TableSchema("t", new KeyAttribute("pk", KeyType.S), Optional.empty(),
                List.of(new GlobalIndex("by-pk", new KeyAttribute("pk", KeyType.N), Optional.empty())));

        assertThatThrownBy(() -> TableSchemas.createTableRequest("t", schema))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pk is declared as both S and N");
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType("HASH").build();
    }

    private static AttributeDefinition definition(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    @Test
    void aTableMadeForTheView_fitsIt_alsoWithMoreIndexes() {
        assertThat(TableSchemas.differences(description("orderId", "S", "consumerId", "S", "creationDate", "N",
                "ftgo-order-history-by-consumer-id-and-creation-time", true), ORDERS)).isEmpty();
    }

    @Test
    void anotherKey_anotherKeyType_aMissingOrOtherIndex_areEachNamed() {
        assertThat(TableSchemas.differences(description("id", "S", "consumerId", "S", "creationDate", "N",
                "ftgo-order-history-by-consumer-id-and-creation-time", false), ORDERS))
                .containsExactly("its key is id (HASH), the view's is orderId (HASH)");
        assertThat(TableSchemas.differences(description("orderId", "S", "consumerId", "N", "creationDate", "N",
                "ftgo-order-history-by-consumer-id-and-creation-time", false), ORDERS))
                .containsExactly("key attribute consumerId is of type N, the view's is S");
        assertThat(TableSchemas.differences(description("orderId", "S", "consumerId", "S", "creationDate", "N",
                "by-consumer", false), ORDERS))
                .containsExactly("it has no index ftgo-order-history-by-consumer-id-and-creation-time "
                        + "(consumerId (HASH), creationDate (RANGE))");
        assertThat(TableSchemas.differences(description("orderId", "S", "creationDate", "N", "consumerId", "S",
                "ftgo-order-history-by-consumer-id-and-creation-time", false), ORDERS))
                .containsExactly("its index ftgo-order-history-by-consumer-id-and-creation-time is keyed "
                        + "creationDate (HASH), consumerId (RANGE), the view's is consumerId (HASH), creationDate (RANGE)");
    }

    /** A table keyed {@code key}, with one index keyed {@code indexHash}, {@code indexRange}, and maybe another. */
    private static TableDescription description(String key, String keyType, String indexHash, String indexHashType,
                                                String indexRange, String indexRangeType, String indexName,
                                                boolean anotherIndex) {
        List<GlobalSecondaryIndexDescription> indexes = new ArrayList<>();
        indexes.add(GlobalSecondaryIndexDescription.builder().indexName(indexName).keySchema(
                KeySchemaElement.builder().attributeName(indexHash).keyType("HASH").build(),
                KeySchemaElement.builder().attributeName(indexRange).keyType("RANGE").build()).build());
        if (anotherIndex) {
            indexes.add(GlobalSecondaryIndexDescription.builder().indexName("other").keySchema(
                    KeySchemaElement.builder().attributeName("x").keyType("HASH").build()).build());
        }
        return TableDescription.builder()
                .keySchema(KeySchemaElement.builder().attributeName(key).keyType("HASH").build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(key).attributeType(keyType).build(),
                        AttributeDefinition.builder().attributeName(indexHash).attributeType(indexHashType).build(),
                        AttributeDefinition.builder().attributeName(indexRange).attributeType(indexRangeType).build())
                .globalSecondaryIndexes(indexes)
                .build();
    }
}
