package dev.reproject.rebuild.imports;

import dev.reproject.aws.dynamodb.TableWaits;
import dev.reproject.aws.s3.S3Location;
import dev.reproject.core.retry.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ImportStatus;
import software.amazon.awssdk.services.dynamodb.model.ImportTableDescription;

import java.time.Duration;
import java.util.Objects;

/**
 * DynamoDB's {@code ImportTable}: the table is created from the files in S3 without write capacity, then
 * {@code DescribeImport} is polled (after 5 s, then twice as long up to a minute) until the import is COMPLETED, and
 * the table waited for until ACTIVE. Untested against AWS: dynalite has no {@code ImportTable} (README).
 */
public final class DynamoTableImport implements TableImport {

    private static final Logger log = LoggerFactory.getLogger(DynamoTableImport.class);
    private static final Duration FIRST_POLL = Duration.ofSeconds(5);
    private static final Duration LONGEST_POLL = Duration.ofMinutes(1);

    private final DynamoDbClient client;
    private final Sleeper sleeper;

    public DynamoTableImport(DynamoDbClient client, Sleeper sleeper) {
        this.client = Objects.requireNonNull(client, "client");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public void requireReadable(String directory) {
        if (!S3Location.isS3(directory)) {
            throw new IllegalArgumentException("rebuild --import writes its files beside the snapshots, to "
                    + directory + ", and DynamoDB's ImportTable reads files from S3 only: give --snapshots as "
                    + "s3://bucket/prefix or s3a://bucket/prefix, or rebuild without --import");
        }
    }

    @Override
    public ImportResult run(String directory, CreateTableRequest table) throws InterruptedException {
        requireReadable(directory);
        ImportTableDescription described = client
                .importTable(ImportTableRequests.of(table, S3Location.parse(directory)))
                .importTableDescription();
        String arn = described.importArn();
        log.info("import {} of table {} from {} started", arn, table.tableName(), directory);
        Duration wait = FIRST_POLL;
        while (described.importStatus() == ImportStatus.IN_PROGRESS
                || described.importStatus() == ImportStatus.CANCELLING) {
            sleeper.sleep(wait);
            wait = wait.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : wait.multipliedBy(2);
            described = client.describeImport(b -> b.importArn(arn)).importTableDescription();
        }
        if (described.importStatus() != ImportStatus.COMPLETED) {
            throw new ImportFailedException("import " + arn + " of table " + table.tableName() + " from "
                    + directory + " ended " + described.importStatusAsString() + ": "
                    + described.failureCode() + ": " + described.failureMessage()
                    + " (details in CloudWatch Logs, log group /aws-dynamodb/imports)");
        }
        TableWaits.untilExists(client, table.tableName());
        return new ImportResult(arn, orZero(described.processedItemCount()), orZero(described.importedItemCount()),
                orZero(described.errorCount()), orZero(described.processedSizeBytes()));
    }

    private static long orZero(Long count) {
        return count == null ? 0 : count;
    }
}
