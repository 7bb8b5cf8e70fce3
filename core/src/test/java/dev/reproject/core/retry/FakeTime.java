package dev.reproject.core.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when someone sleeps (or a test advances it), recording the sleeps. */
final class FakeTime implements Sleeper, NanoClock {

    private long now = 1_000_000_000L; // not 0: nothing may assume the clock starts there
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now += duration.toNanos();
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    synchronized void advance(Duration duration) {
        now += duration.toNanos();
    }
}
