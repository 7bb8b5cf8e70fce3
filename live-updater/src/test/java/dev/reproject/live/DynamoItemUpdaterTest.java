package dev.reproject.live;

import dev.reproject.core.item.Action;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Marker;
import dev.reproject.core.item.Update;
import dev.reproject.core.retry.Backoff;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.reproject.live.Messages.TOPIC;
import static dev.reproject.live.Messages.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The updater's retries against a client that throttles a given number of calls first (no server). */
class DynamoItemUpdaterTest {

    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 4);

    private final List<Duration> waits = new ArrayList<>();

    @Test
    void eachWaitStaysUnderItsRetrysCeiling_100msBeforeTheFirstRetry() throws Exception {
        // the ceilings before retries 0, 1 and 2 are 100, 200 and 400 ms; a wait over one in 50 tries would show
        // the ceilings shifted by one retry (each wait falls above it with probability 1/2 then)
        List<Duration> maxima = new ArrayList<>(List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO));
        for (int run = 0; run < 50; run++) {
            waits.clear();
            assertThat(updater(3).apply(update())).isEqualTo(WriteResult.APPLIED);
            assertThat(waits).hasSize(3);
            for (int retry = 0; retry < 3; retry++) {
                if (waits.get(retry).compareTo(maxima.get(retry)) > 0) {
                    maxima.set(retry, waits.get(retry));
                }
            }
        }
        assertThat(maxima.get(0)).isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(maxima.get(1)).isLessThanOrEqualTo(Duration.ofMillis(200));
        assertThat(maxima.get(2)).isLessThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void throttlingLongerThanTheBackoffAllowsFailsAfterItsLastCall() {
        DynamoItemUpdater updater = updater(4);

        assertThatThrownBy(() -> updater.apply(update())).isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThat(updater.calls()).isEqualTo(4);
        assertThat(updater.retries()).isEqualTo(3);
        assertThat(waits).hasSize(3);
    }

    private DynamoItemUpdater updater(int throttledCalls) {
        DynamoDbClient client = new DynamoDbClient() {
            private int calls;

            @Override
            public UpdateItemResponse updateItem(UpdateItemRequest request) {
                if (++calls <= throttledCalls) {
                    throw ProvisionedThroughputExceededException.builder().message("slow down").statusCode(400).build();
                }
                return UpdateItemResponse.builder().build();
            }

            @Override
            public String serviceName() {
                return "dynamodb";
            }

            @Override
            public void close() {
            }
        };
        return new DynamoItemUpdater(client, "orders", BACKOFF, waits::add);
    }

    private static Update update() {
        return Update.of(Map.of("orderId", new AttrValue.S("1")),
                List.of(new Action.Set("orderStatus", new AttrValue.S("APPROVED"))), Marker.of(TOPIC, "1", id(1, 1)));
    }
}
