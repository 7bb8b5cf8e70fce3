package dev.reproject.live;

import dev.reproject.core.item.Action;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Marker;
import dev.reproject.core.item.Update;
import dev.reproject.core.view.Views;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.reproject.live.Messages.TOPIC;
import static dev.reproject.live.Messages.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writes tried again while the store is unavailable, on the in-memory table and a clock that advances only by the
 * waits: a store back within the bound loses nothing; one that stays away ends the write after exactly the bound
 * with an error naming it and the cause.
 */
class StoreRetriesTest {

    private static final String STORE = "DynamoDB (http://127.0.0.1:8000, table orders)";
    private final StoreUnavailableException refused = new StoreUnavailableException(STORE,
            new ConnectException("Connection refused"));

    private final InMemoryItemUpdater table = new InMemoryItemUpdater(Views.byName("order-history").table());
    private final List<Duration> waits = new ArrayList<>();
    private long now = 1_000_000_000L;

    @Test
    void a_store_that_comes_back_within_the_bound_loses_nothing_and_the_retries_are_counted() throws Exception {
        table.failNextWith(refused, 3);
        StoreRetries retries = retries(Duration.ofSeconds(10));

        assertThat(retries.apply(update())).isEqualTo(WriteResult.APPLIED);

        assertThat(table.items()).hasSize(1);
        assertThat(table.items().values().iterator().next().get("orderStatus"))
                .contains(new AttrValue.S("APPROVED"));
        assertThat(table.calls()).isEqualTo(4);
        assertThat(retries.retries()).isEqualTo(3);
        assertThat(waits).hasSize(3).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    void a_store_that_stays_away_fails_the_write_after_the_bound_naming_the_store_and_the_cause() {
        table.failNextWith(refused, 10_000);
        StoreRetries retries = retries(Duration.ofSeconds(10));
        long started = now;

        assertThatThrownBy(() -> retries.apply(update())).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(STORE + " did not take a write for 10 s (--store-retry-timeout; ")
                .hasMessageContaining("last: Connection refused").hasCause(refused);

        assertThat(Duration.ofNanos(now - started)).as("waited exactly the bound").isEqualTo(Duration.ofSeconds(10));
        assertThat(table.items()).isEmpty();
        assertThat(retries.retries()).isEqualTo(table.calls() - 1).isGreaterThan(2);
    }

    @Test
    void a_bound_of_zero_tries_once() {
        table.failNextWith(refused, 1);
        StoreRetries retries = retries(Duration.ZERO);

        assertThatThrownBy(() -> retries.apply(update())).hasMessageContaining("did not take a write for 0 s");
        assertThat(table.calls()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void other_errors_are_not_tried_again() {
        table.failNextWith(new IllegalStateException("the table changed"), 1);
        StoreRetries retries = retries(Duration.ofSeconds(10));

        assertThatThrownBy(() -> retries.apply(update())).hasMessage("the table changed");
        assertThat(table.calls()).isEqualTo(1);
    }

    private StoreRetries retries(Duration bound) {
        return new StoreRetries(table, bound, wait -> {
            waits.add(wait);
            now += wait.toNanos();
        }, () -> now);
    }

    private static Update update() {
        return Update.of(Map.of("orderId", new AttrValue.S("1")),
                List.of(new Action.Set("orderStatus", new AttrValue.S("APPROVED"))), Marker.of(TOPIC, "1", id(1, 1)));
    }
}
