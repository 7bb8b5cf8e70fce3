package dev.reproject.core.retry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits; tests pass one that advances a fake clock instead. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

    void sleep(Duration duration) throws InterruptedException;
}
