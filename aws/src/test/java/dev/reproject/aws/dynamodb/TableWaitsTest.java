package dev.reproject.aws.dynamodb;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TableWaitsTest {

    @Test
    void untilExists_pollsUntilTheTableIsActive() {
        Statuses client = new Statuses(List.of(TableStatus.CREATING, TableStatus.CREATING, TableStatus.ACTIVE));

        TableWaits.untilExists(client, "orders");

        assertThat(client.asked).containsExactly("orders", "orders", "orders");
    }

    @Test
    void untilGone_pollsUntilTheTableIsNotFound() {
        Statuses client = new Statuses(List.of(TableStatus.DELETING, TableStatus.DELETING));

        TableWaits.untilGone(client, "orders");

        assertThat(client.asked).hasSize(3);
    }

    @Test
    void thePollsStartAt100MillisAndNeverWaitMoreThan5Seconds_notTheSdks20() {
        BackoffStrategy backoff = TableWaits.POLLING.backoffStrategyV2().orElseThrow();

        // attempt 1 is the first call; the delays before the next ones double from 100 ms
        assertThat(backoff.computeDelay(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.computeDelay(3)).isEqualTo(Duration.ofMillis(200));
        for (int attempt = 2; attempt <= 100; attempt++) {
            assertThat(backoff.computeDelay(attempt)).as("attempt %d", attempt).isBetween(Duration.ofMillis(100),
                    Duration.ofSeconds(5));
        }
        assertThat(TableWaits.POLLING.waitTimeout()).hasValue(Duration.ofMinutes(10));
    }

    /** DescribeTable answering the statuses given, one per call, then ResourceNotFoundException. */
    private static final class Statuses implements DynamoDbClient {

        private final Iterator<TableStatus> statuses;
        private final List<String> asked = new ArrayList<>();

        Statuses(List<TableStatus> statuses) {
            this.statuses = statuses.iterator();
        }

        @Override
        public DescribeTableResponse describeTable(DescribeTableRequest request) {
            asked.add(request.tableName());
            if (!statuses.hasNext()) {
                throw ResourceNotFoundException.builder().message("no table " + request.tableName())
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").build())
                        .build();
            }
            return DescribeTableResponse.builder().table(t -> t.tableName(request.tableName())
                    .tableStatus(statuses.next())).build();
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
