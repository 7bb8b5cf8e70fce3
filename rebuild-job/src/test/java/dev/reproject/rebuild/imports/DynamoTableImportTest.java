package dev.reproject.rebuild.imports;

import dev.reproject.aws.dynamodb.TableSchemas;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.TableSchema.KeyAttribute;
import dev.reproject.core.view.TableSchema.KeyType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeImportRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeImportResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ImportStatus;
import software.amazon.awssdk.services.dynamodb.model.ImportTableDescription;
import software.amazon.awssdk.services.dynamodb.model.ImportTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ImportTableResponse;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AWS import's course, against a DynamoDB client that answers ImportTable, DescribeImport and DescribeTable from
 * a script: it polls until COMPLETED (5 s, then twice as long), returns the counts DynamoDB reported, and turns a
 * FAILED import into an error naming its ARN, failure code and message. The import's count must be the files'.
 */
class DynamoTableImportTest {

    private static final String ARN = "arn:aws:dynamodb:us-east-1:111122223333:table/orders-v2/import/01";
    private static final String DIR = "s3a://views/snapshots/order-history/rebuilds/orders-v2@1/import";
    private static final CreateTableRequest TABLE = TableSchemas.createTableRequest("orders-v2",
            new TableSchema("orders", new KeyAttribute("orderId", KeyType.S), Optional.empty(), List.of()));

    @Test
    void itPollsUntilTheImportCompletesAndReturnsItsCounts() throws InterruptedException {
        Scripted dynamo = new Scripted(status(ImportStatus.IN_PROGRESS), status(ImportStatus.IN_PROGRESS),
                status(ImportStatus.IN_PROGRESS), status(ImportStatus.COMPLETED).toBuilder().processedItemCount(400L)
                        .importedItemCount(400L).errorCount(0L).processedSizeBytes(123_456L).build());
        List<Duration> slept = new ArrayList<>();

        ImportResult result = new DynamoTableImport(dynamo, slept::add).run(DIR, TABLE);

        assertThat(result).isEqualTo(new ImportResult(ARN, 400, 400, 0, 123_456));
        assertThat(slept).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20));
        assertThat(dynamo.described).isEqualTo(3);
        assertThat(dynamo.sent.s3BucketSource().s3Bucket()).isEqualTo("views");
        assertThat(dynamo.sent.tableCreationParameters().tableName()).isEqualTo("orders-v2");
    }

    @Test
    void aFailedImportIsAnErrorNamingItsArnCodeAndMessage() {
        Scripted dynamo = new Scripted(status(ImportStatus.IN_PROGRESS), status(ImportStatus.FAILED).toBuilder()
                .failureCode("S3AccessDenied").failureMessage("Access denied to views/snapshots").build());

        assertThatThrownBy(() -> new DynamoTableImport(dynamo, d -> {
        }).run(DIR, TABLE)).isInstanceOf(ImportFailedException.class)
                .hasMessageContaining(ARN).hasMessageContaining("orders-v2").hasMessageContaining("ended FAILED")
                .hasMessageContaining("S3AccessDenied: Access denied to views/snapshots");
    }

    @Test
    void anImportOfOtherThanTheFilesItemsIsAnError() {
        ImportFiles.Written files = new ImportFiles.Written(400, 1000, 2, List.of());

        assertThat(ImportLoad.checked(new ImportLoad(DIR, files, new ImportResult(ARN, 400, 400, 0, 1000)),
                "orders-v2").files()).isEqualTo(files);
        assertThatThrownBy(() -> ImportLoad.checked(new ImportLoad(DIR, files,
                new ImportResult(ARN, 400, 399, 1, 1000)), "orders-v2"))
                .isInstanceOf(ImportFailedException.class)
                .hasMessageContaining("import " + ARN + " of table orders-v2 imported 399 items of the 400 in " + DIR)
                .hasMessageContaining("1 errors");
    }

    private static ImportTableDescription status(ImportStatus status) {
        return ImportTableDescription.builder().importArn(ARN).importStatus(status).build();
    }

    /** Answers ImportTable with the first description, each DescribeImport with the next. */
    private static final class Scripted implements DynamoDbClient {
        private final Deque<ImportTableDescription> script;
        private ImportTableRequest sent;
        private int described;

        Scripted(ImportTableDescription... script) {
            this.script = new ArrayDeque<>(List.of(script));
        }

        @Override
        public ImportTableResponse importTable(ImportTableRequest request) {
            sent = request;
            return ImportTableResponse.builder().importTableDescription(script.pop()).build();
        }

        @Override
        public DescribeImportResponse describeImport(DescribeImportRequest request) {
            assertThat(request.importArn()).isEqualTo(ARN);
            described++;
            return DescribeImportResponse.builder().importTableDescription(script.pop()).build();
        }

        @Override
        public DescribeTableResponse describeTable(DescribeTableRequest request) {
            return DescribeTableResponse.builder().table(t -> t.tableName(request.tableName())
                    .tableStatus(TableStatus.ACTIVE)).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }
}
