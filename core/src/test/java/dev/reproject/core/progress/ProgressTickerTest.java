package dev.reproject.core.progress;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProgressTickerTest {

    @Test
    void printsALineEveryIntervalUntilClosed() throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicInteger n = new AtomicInteger();
        ProgressTicker ticker = ProgressTicker.start(Duration.ofMillis(20), () -> "line " + n.incrementAndGet(),
                lines::add);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (lines.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            ticker.close();
        }
        int atClose = lines.size();
        Thread.sleep(100);

        assertThat(lines).hasSizeGreaterThanOrEqualTo(3).startsWith("line 1", "line 2", "line 3");
        assertThat(lines).as("nothing after close").hasSize(atClose);
    }

    @Test
    void aFailingLineIsSkippedAndTheNextTickTriesAgain() throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicInteger n = new AtomicInteger();
        ProgressTicker ticker = ProgressTicker.start(Duration.ofMillis(20), () -> {
            if (n.incrementAndGet() == 1) {
                throw new IllegalStateException("not yet");
            }
            return "line " + n.get();
        }, lines::add);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (lines.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            ticker.close();
        }
        assertThat(lines).first().isEqualTo("line 2");
    }

    @Test
    void zeroIsOffAndNegativeIsRefused() throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        ProgressTicker.start(Duration.ZERO, () -> "never", lines::add).close();
        Thread.sleep(50);
        assertThat(lines).isEmpty();
        assertThatThrownBy(() -> ProgressTicker.start(Duration.ofSeconds(-1), () -> "x", lines::add))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertThat(ProgressTicker.human(Duration.ofMillis(5_400))).isEqualTo("5 s");
        assertThat(ProgressTicker.human(Duration.ofSeconds(184))).isEqualTo("3 min 4 s");
        assertThat(ProgressTicker.human(Duration.ofMinutes(62))).isEqualTo("1 h 2 min");
    }
}
