package dev.reproject.aws.catalog;

import dev.reproject.core.alias.AliasRules;
import dev.reproject.core.alias.AliasStore;
import dev.reproject.core.alias.ViewAlias;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The views' aliases as items of the catalog table, each move one conditional {@code PutItem} on the version read
 * (absent for version 0), so that of two moves made from the same version one is refused. Reads are consistent.
 */
public final class DynamoAliases implements AliasStore {

    private final DynamoCatalog catalog;
    private final DynamoDbClient client;

    DynamoAliases(DynamoCatalog catalog, DynamoDbClient client) {
        this.catalog = catalog;
        this.client = client;
    }

    @Override
    public ViewAlias get(String view) {
        try {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(catalog.tableName())
                    .key(AliasItems.key(view)).consistentRead(true)).item();
            return item == null || item.isEmpty() ? ViewAlias.unset(view) : AliasItems.fromItem(view, item);
        } catch (ResourceNotFoundException e) {
            return ViewAlias.unset(view);
        }
    }

    @Override
    public ViewAlias replace(ViewAlias read, ViewAlias next) {
        AliasRules.requireSuccessor(read, next);
        catalog.createIfMissing();
        try {
            if (read.version() == 0) {
                client.putItem(b -> b.tableName(catalog.tableName()).item(AliasItems.toItem(next))
                        .conditionExpression("attribute_not_exists(#version)")
                        .expressionAttributeNames(Map.of("#version", AliasItems.VERSION)));
            } else {
                client.putItem(b -> b.tableName(catalog.tableName()).item(AliasItems.toItem(next))
                        .conditionExpression("#version = :read")
                        .expressionAttributeNames(Map.of("#version", AliasItems.VERSION))
                        .expressionAttributeValues(Map.of(":read",
                                AttributeValue.fromN(Long.toString(read.version())))));
            }
            return next;
        } catch (ConditionalCheckFailedException e) {
            throw AliasRules.movedMeanwhile(read, get(read.view()));
        }
    }

    @Override
    public List<ViewAlias> all() {
        List<ViewAlias> aliases = new ArrayList<>();
        try {
            client.scanPaginator(b -> b.tableName(catalog.tableName()).consistentRead(true)
                    .filterExpression("attribute_exists(#version)")
                    .expressionAttributeNames(Map.of("#version", AliasItems.VERSION))).items().forEach(item -> {
                        String view = item.get(CatalogItems.ID).s().substring(AliasItems.KEY_PREFIX.length());
                        aliases.add(AliasItems.fromItem(view, item));
                    });
        } catch (ResourceNotFoundException e) {
            return List.of();
        }
        aliases.sort(Comparator.comparing(ViewAlias::view));
        return aliases;
    }
}
