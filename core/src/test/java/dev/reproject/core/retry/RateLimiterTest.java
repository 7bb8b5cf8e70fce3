package dev.reproject.core.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class RateLimiterTest {

    private final FakeTime time = new FakeTime();

    @Test
    void theLongRunRateHolds() throws InterruptedException {
        RateLimiter limiter = RateLimiter.of(OptionalDouble.of(1_000), time, time);
        long start = time.nanoTime();
        long permits = 0;
        for (int call = 0; call < 4_000; call++) { // 100,000 permits: 100 s at 1,000/s
            limiter.acquire(25);
            permits += 25;
        }
        double seconds = (time.nanoTime() - start) / 1e9;
        // the first 100 (the burst) come free: (100,000 - 100) / 1,000 per second
        assertThat(seconds).isCloseTo(99.9, offset(0.01));
        assertThat(permits / seconds).isCloseTo(1_000, offset(1.5));
    }

    @Test
    void noWindowGetsMoreThanTheBurstPlusTheRate() throws InterruptedException {
        double rate = 200;
        double burst = 50;
        RateLimiter limiter = RateLimiter.of(rate, burst, time, time);
        SplittableRandom random = new SplittableRandom(3);
        List<long[]> grants = new ArrayList<>(); // {time when acquire returned, permits}
        for (int call = 0; call < 3_000; call++) {
            if (random.nextInt(10) == 0) {
                time.advance(Duration.ofMillis(random.nextInt(2_000))); // idle: the bucket refills, up to the burst
            }
            int permits = 1 + random.nextInt(25);
            limiter.acquire(permits);
            grants.add(new long[]{time.nanoTime(), permits});
        }
        // for every window [grant i, grant j]: permits handed out <= burst + rate * window length
        for (int i = 0; i < grants.size(); i++) {
            long sum = 0;
            for (int j = i; j < grants.size() && j < i + 400; j++) {
                sum += grants.get(j)[1];
                double window = (grants.get(j)[0] - grants.get(i)[0]) / 1e9;
                assertThat((double) sum).as("permits in window %d..%d", i, j)
                        .isLessThanOrEqualTo(burst + rate * window + 1e-6);
            }
        }
    }

    @Test
    void anIdleCallerSavesUpOnlyTheBurst() throws InterruptedException {
        RateLimiter limiter = RateLimiter.of(100, 10, time, time);
        time.advance(Duration.ofHours(1));
        for (int i = 0; i < 10; i++) {
            limiter.acquire(1);
        }
        assertThat(time.sleeps).isEmpty();
        limiter.acquire(1);
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(10));
    }

    @Test
    void aRequestLargerThanTheBurstWaitsForItsDebt() throws InterruptedException {
        RateLimiter limiter = RateLimiter.of(10, 1, time, time);
        limiter.acquire(25); // 1 saved, 24 owed at 10/s
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(2_400));
        limiter.acquire(25);
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(2_400), Duration.ofMillis(2_500));
    }

    @Test
    void callersQueueBehindEachOthersDebt() throws InterruptedException {
        // two callers reserve before either sleeps: the second waits for both debts
        List<Duration> sleeps = new ArrayList<>();
        RateLimiter limiter = RateLimiter.of(100, 1, sleeps::add, time);
        limiter.acquire(11);
        limiter.acquire(10);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void withoutARateItNeverWaits() throws InterruptedException {
        RateLimiter limiter = RateLimiter.of(OptionalDouble.empty(), time, time);
        for (int i = 0; i < 1_000; i++) {
            limiter.acquire(25);
        }
        assertThat(time.sleeps).isEmpty();
        assertThat(RateLimiter.unlimited().rate()).isEmpty();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> RateLimiter.of(OptionalDouble.of(0), time, time)).hasMessageContaining("found 0.0");
        assertThatThrownBy(() -> RateLimiter.of(10, 0.5, time, time)).hasMessageContaining("at least 1 permit");
        assertThatThrownBy(() -> RateLimiter.unlimited().acquire(-1)).hasMessageContaining("found -1");
    }
}
