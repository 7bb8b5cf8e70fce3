package dev.reproject.benchmarks;

import dev.reproject.aws.dynamodb.TableSchemas;
import dev.reproject.aws.dynamodb.TableWaits;
import dev.reproject.core.view.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the benchmark mains share: timing, the machine's load, a fresh work directory, a fresh table. */
final class BenchSupport {

    private BenchSupport() {
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Deletes {@code dir} and everything below it, if it exists. */
    static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Every table alike: on demand, the view's keys and GSIs, empty; creating it is not timed. */
    static void createTable(DynamoDbClient dynamo, String table, TableSchema schema) {
        dynamo.createTable(TableSchemas.createTableRequest(table, schema));
        TableWaits.untilExists(dynamo, table);
    }
}
