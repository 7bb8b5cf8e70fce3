package dev.reproject.core.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), 5);

    @Test
    void ceilingDoublesUpToTheCap() {
        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofMillis(10));
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(20));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofMillis(640));
        assertThat(backoff.ceiling(7)).isEqualTo(Duration.ofSeconds(1)); // 1,280 ms, capped
        assertThat(backoff.ceiling(62)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(1_000)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void delaysAreFullJitterOverTheWholeRange() {
        RandomGenerator random = new SplittableRandom(7);
        int samples = 20_000;
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < samples; i++) {
            long nanos = backoff.delay(3, random).toNanos();
            assertThat(nanos).isBetween(0L, 80_000_000L);
            sum += nanos;
            min = Math.min(min, nanos);
            max = Math.max(max, nanos);
        }
        // uniform on [0, 80 ms]: mean 40 ms (standard error ~0.16 ms), both ends reached
        assertThat(sum / (double) samples / 1e6).isCloseTo(40.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(min).isLessThan(1_000_000L);
        assertThat(max).isGreaterThan(79_000_000L);
    }

    @Test
    void aZeroBaseNeverWaits() {
        assertThat(new Backoff(Duration.ZERO, Duration.ZERO, 3).delay(5, new SplittableRandom(1))).isZero();
    }

    @Test
    void countsAttemptsIncludingTheFirstCall() {
        assertThat(backoff.mayRetryAfter(4)).isTrue();
        assertThat(backoff.mayRetryAfter(5)).isFalse();
        assertThat(new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), 1).mayRetryAfter(1)).isFalse();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .hasMessageContaining("cap PT1S is below its base PT2S");
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(1), Duration.ofSeconds(1), 0))
                .hasMessageContaining("found 0");
        assertThatThrownBy(() -> backoff.ceiling(-1)).hasMessageContaining("found -1");
    }
}
