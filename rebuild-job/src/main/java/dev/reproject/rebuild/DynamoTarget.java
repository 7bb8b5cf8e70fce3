package dev.reproject.rebuild;

import dev.reproject.aws.AwsSettings;
import dev.reproject.aws.DynamoConnection;
import dev.reproject.aws.dynamodb.write.WriteOptions;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.Views;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where the writer tasks write, in a form that travels to Spark executors: how each task reaches DynamoDB, the
 * table, and the view whose table schema it writes.
 *
 * @param wrap           a hook around each task's client (tests inject faults with it); identity in production
 * @param writersPerTask writers each writer task runs at once, each on a thread of its own over the task's client
 */
public record DynamoTarget(DynamoConnection connection, String table, String view, WriteOptions write,
                           ClientWrapper wrap, int writersPerTask) implements Serializable {

    /** Writers per task unless told otherwise ({@code --writers-per-task}). */
    public static final int DEFAULT_WRITERS_PER_TASK = 4;

    /** A serializable {@link UnaryOperator} of clients. Not a lambda: lambdas do not survive relocation. */
    public interface ClientWrapper extends UnaryOperator<DynamoDbClient>, Serializable {
        ClientWrapper NONE = Identity.INSTANCE;
    }

    /** The client as it is. */
    private enum Identity implements ClientWrapper {
        INSTANCE;

        @Override
        public DynamoDbClient apply(DynamoDbClient client) {
            return client;
        }
    }

    public DynamoTarget {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(write, "write");
        Objects.requireNonNull(wrap, "wrap");
        if (writersPerTask < 1) {
            throw new IllegalArgumentException("writers per task must be at least 1, found " + writersPerTask);
        }
    }

    /** A target whose tasks run {@link #DEFAULT_WRITERS_PER_TASK} writers each. */
    public DynamoTarget(DynamoConnection connection, String table, String view, WriteOptions write,
                        ClientWrapper wrap) {
        this(connection, table, view, write, wrap, DEFAULT_WRITERS_PER_TASK);
    }

    public AwsSettings awsSettings() {
        return connection.awsSettings();
    }

    public TableSchema schema() {
        return Views.byName(view).table();
    }

    /** A writer task's client: wrapped by the hook. */
    public DynamoDbClient writerClient() {
        return wrap.apply(driverClient());
    }

    /** The driver's client (table checks and set-up), not wrapped: the hook is for the item writes. */
    public DynamoDbClient driverClient() {
        return connection.client();
    }

    public DynamoTarget withWrite(WriteOptions options) {
        return new DynamoTarget(connection, table, view, options, wrap, writersPerTask);
    }

    public DynamoTarget withWritersPerTask(int writers) {
        return new DynamoTarget(connection, table, view, write, wrap, writers);
    }

    @Override
    public String toString() {
        return "DynamoTarget[table=" + table + ", view=" + view + ", " + connection + ", writersPerTask="
                + writersPerTask + "]";
    }
}
