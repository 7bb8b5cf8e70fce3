package dev.reproject.live;

import dev.reproject.core.item.CombinedUpdate;
import dev.reproject.core.retry.Backoff;
import dev.reproject.core.retry.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Writes through an {@link ItemUpdater}, trying a write again while its store is unavailable
 * ({@link StoreUnavailableException}) with the project's backoff, for at most {@code timeout} from the write's first
 * failure; then it fails naming the store, how long it tried and the last cause (CONTRACT.md §6.6). A store that stays
 * away thus ends the run after a bounded time — no crash loop on a store that was only briefly away, no silent stall on
 * one that is gone — and the poll's offsets are not committed.
 */
final class StoreRetries implements ItemUpdater {

    private static final Logger log = LoggerFactory.getLogger(StoreRetries.class);

    /** The project's ceilings (50 ms doubling to 5 s); the timeout, not a count, ends the retries. */
    private static final Backoff BACKOFF = new Backoff(Backoff.DEFAULT.base(), Backoff.DEFAULT.cap(),
            Integer.MAX_VALUE);

    private final ItemUpdater delegate;
    private final Duration timeout;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final AtomicLong retries = new AtomicLong();

    StoreRetries(ItemUpdater delegate, Duration timeout, Sleeper sleeper, LongSupplier nanoTime) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("the store retry timeout must not be negative, was " + timeout);
        }
    }

    @Override
    public WriteResult apply(CombinedUpdate write) throws InterruptedException {
        long deadline = 0;
        SplittableRandom random = null;
        for (int retry = 0;; retry++) {
            try {
                WriteResult result = delegate.apply(write);
                if (retry > 0) {
                    log.info("the store took the write again after {} retries", retry);
                }
                return result;
            } catch (StoreUnavailableException e) {
                long now = nanoTime.getAsLong();
                if (retry == 0) {
                    deadline = now + timeout.toNanos();
                    random = new SplittableRandom();
                    log.warn("{}: retrying for up to {}", e.getMessage(), seconds(timeout));
                }
                long left = deadline - now;
                if (left <= 0) {
                    throw new IllegalStateException(e.store() + " did not take a write for " + seconds(timeout)
                            + " (--store-retry-timeout; " + retry + " retries), last: " + e.getCause().getMessage()
                            + ". Nothing past the records written was committed: start live again once it answers.",
                            e);
                }
                retries.incrementAndGet();
                Duration delay = BACKOFF.delay(retry, random);
                sleeper.sleep(delay.toNanos() < left ? delay : Duration.ofNanos(left));
            }
        }
    }

    /** Writes tried again, over all updates so far. */
    long retries() {
        return retries.get();
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
    }
}
