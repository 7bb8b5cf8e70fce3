package dev.reproject.live;

import dev.reproject.aws.dynamodb.TableSchemas;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.view.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rebuild's table as the view needs it: its key, key types and indexes ({@link TableSchemas#differences}). Checked
 * before a run consumes anything, and again whenever DynamoDB refuses an update in a way a changed table would
 * explain: a table deleted or recreated with other keys refuses every update, and each refusal would otherwise be
 * blamed on its record (CONTRACT.md §6.5, §6.6).
 *
 * @param dynamo  where the table is
 * @param name    the table
 * @param rebuild the rebuild the table holds, for the messages
 * @param view    the view's name
 * @param schema  the view's table
 */
record ViewTable(DynamoDbClient dynamo, String name, RebuildId rebuild, String view, TableSchema schema) {

    ViewTable {
        Objects.requireNonNull(dynamo, "dynamo");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rebuild, "rebuild");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(schema, "schema");
    }

    /**
     * What is wrong with the table now, as a sentence naming it and what differs; empty when it exists and fits.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when {@code DescribeTable} fails
     */
    Optional<String> problem() {
        TableDescription table;
        try {
            table = dynamo.describeTable(b -> b.tableName(name)).table();
        } catch (ResourceNotFoundException e) {
            return Optional
                    .of("the table " + name + " of rebuild " + rebuild + " does not exist: rebuild the view into a"
                            + " table, then start live for that rebuild.");
        }
        List<String> differences = TableSchemas.differences(table, schema);
        if (differences.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the table " + name + " does not fit view " + view + ": " + String.join("; ", differences)
                + ". Was it recreated since rebuild " + rebuild + "? Rebuild the view into a new table.");
    }

    /** @throws IllegalStateException naming the table and what differs, unless it exists and fits */
    void require() {
        problem().ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
    }
}
