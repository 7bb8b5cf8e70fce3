package dev.reproject.core.lease;

import dev.reproject.core.error.BusyException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeasingTest {

    private static final String NAME = LeaseNames.table("t-1");
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-06T12:00:00Z"));
    private final InMemoryLeaseStore store = new InMemoryLeaseStore(clock);
    private final List<Duration> sleeps = new ArrayList<>();

    private Leasing leasing(Duration wait) {
        return new Leasing(store, Duration.ofSeconds(30), wait, clock, d -> {
            sleeps.add(d);
            clock.advance(d);
        });
    }

    @Test
    void withoutAWait_aBusyLeaseIsRefusedAtOnce() {
        store.acquire(NAME, "other", "rebuild O", Duration.ofSeconds(30));

        assertThatThrownBy(() -> leasing(Duration.ZERO).take(NAME, "rebuild X")).isInstanceOf(BusyException.class);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aWait_asksEverySecond_untilTheHolderReleases() {
        Lease other = store.acquire(NAME, "other", "rebuild O", Duration.ofSeconds(30));
        Leasing leasing = new Leasing(store, Duration.ofSeconds(30), Duration.ofSeconds(10), clock, d -> {
            sleeps.add(d);
            clock.advance(d);
            if (sleeps.size() == 3) {
                store.release(other);
            }
        });

        try (LeaseKeeper keeper = leasing.take(NAME, "rebuild X")) {
            assertThat(keeper.lease().purpose()).isEqualTo("rebuild X");
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void aWait_takesALeaseThatExpiresWithinIt() {
        store.acquire(NAME, "dead-run", "rebuild O", Duration.ofSeconds(5));

        try (LeaseKeeper keeper = leasing(Duration.ofSeconds(10)).take(NAME, "rebuild X")) {
            assertThat(keeper.lease().takenAt()).isEqualTo(Instant.parse("2026-12-06T12:00:05Z"));
        }
    }

    @Test
    void aWait_endsBusy_whenTheHolderKeepsIt() {
        store.acquire(NAME, "other", "rebuild O", Duration.ofMinutes(5));

        assertThatThrownBy(() -> leasing(Duration.ofMillis(2500)).take(NAME, "rebuild X"))
                .isInstanceOf(BusyException.class).hasMessageContaining("rebuild O");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500));
    }
}
