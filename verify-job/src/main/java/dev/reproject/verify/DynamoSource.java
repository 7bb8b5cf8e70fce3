package dev.reproject.verify;

import dev.reproject.aws.DynamoConnection;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.Views;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.Serializable;
import java.util.Objects;

/**
 * The table {@code verify} reads, in a form that travels to Spark executors: how each scan task reaches DynamoDB, the
 * table, and the view whose keys it has.
 */
public record DynamoSource(DynamoConnection connection, String table, String view) implements Serializable {

    public DynamoSource {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(view, "view");
    }

    public TableSchema schema() {
        return Views.byName(view).table();
    }

    public DynamoDbClient client() {
        return connection.client();
    }

    public DynamoSource withTable(String other) {
        return new DynamoSource(connection, other, view);
    }

    @Override
    public String toString() {
        return "DynamoSource[table=" + table + ", view=" + view + ", " + connection + "]";
    }
}
