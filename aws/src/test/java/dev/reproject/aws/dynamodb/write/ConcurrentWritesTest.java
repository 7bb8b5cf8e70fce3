package dev.reproject.aws.dynamodb.write;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrentWritesTest {

    /** A writer that records what it got, on which thread, and counts one "item" and one call per input. */
    private static Function<Iterator<Integer>, WriteSummary> recording(List<Integer> got, Set<String> threads) {
        return inputs -> {
            long n = 0;
            while (inputs.hasNext()) {
                got.add(inputs.next());
                threads.add(Thread.currentThread().getName());
                n++;
            }
            return new WriteSummary(n, n, 0, 0, 0, List.of());
        };
    }

    @Test
    @Timeout(10)
    void every_input_goes_to_the_writer_its_route_names_in_order_and_the_summaries_add_up() {
        List<List<Integer>> got = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> inputs = IntStream.range(0, 1_000).boxed().toList();

        WriteSummary summary = ConcurrentWrites.write(inputs.iterator(), i -> -i, // negative routes too
                List.of(recording(got.get(0), threads), recording(got.get(1), threads),
                        recording(got.get(2), threads)));

        assertThat(summary.itemsWritten()).isEqualTo(1_000);
        assertThat(summary.writeCalls()).isEqualTo(1_000);
        for (int w = 0; w < 3; w++) {
            int writer = w;
            assertThat(got.get(w)).as("writer %d", w)
                    .isEqualTo(inputs.stream().filter(i -> Math.floorMod(-i, 3) == writer).toList());
        }
        assertThat(threads).as("each writer on a thread of its own").hasSize(3)
                .doesNotContain(Thread.currentThread().getName());
    }

    @Test
    @Timeout(20)
    void a_writer_that_ends_first_leaves_the_others_their_queued_inputs() {
        // writer 0 has nothing to do and ends at once; writer 1 is slow, so its queue is full when the inputs end
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        Function<Iterator<Integer>, WriteSummary> slow = inputs -> {
            long n = 0;
            while (inputs.hasNext()) {
                got.add(inputs.next());
                n++;
                if (n % 100 == 0) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return new WriteSummary(n, 0, 0, 0, 0, List.of());
        };

        WriteSummary summary = ConcurrentWrites.write(IntStream.range(0, 1_000).boxed().iterator(), i -> 1,
                List.of(recording(new ArrayList<>(), ConcurrentHashMap.newKeySet()), slow));

        assertThat(got).hasSize(1_000);
        assertThat(summary.itemsWritten()).isEqualTo(1_000);
    }

    @Test
    @Timeout(10)
    void a_writer_that_ends_before_its_inputs_do_is_an_error_not_a_silent_loss() {
        Function<Iterator<Integer>, WriteSummary> quitter = inputs -> {
            inputs.next();
            return WriteSummary.EMPTY;
        };

        assertThatThrownBy(() -> ConcurrentWrites.write(IntStream.range(0, 100_000).boxed().iterator(), i -> i,
                List.of(recording(Collections.synchronizedList(new ArrayList<>()), ConcurrentHashMap.newKeySet()),
                        quitter)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ended before");
    }

    @Test
    @Timeout(10)
    void one_writer_writes_on_the_calling_thread() {
        List<Integer> got = new ArrayList<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();

        ConcurrentWrites.write(List.of(1, 2, 3).iterator(), i -> i, List.of(recording(got, threads)));

        assertThat(got).containsExactly(1, 2, 3);
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    @Timeout(10)
    void the_first_failure_stops_the_reading_and_is_thrown_once_the_other_writers_are_done() {
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        Set<String> threads = ConcurrentHashMap.newKeySet();
        BulkWriteException failure = new BulkWriteException("batch refused", "{}", null);
        Function<Iterator<Integer>, WriteSummary> failing = inputs -> {
            inputs.next();
            throw failure;
        };
        Iterator<Integer> endless = new Iterator<>() { // a task's rows that would never end
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return next++;
            }
        };

        assertThatThrownBy(() -> ConcurrentWrites.write(endless, i -> i, List.of(recording(got, threads), failing)))
                .isSameAs(failure);
    }

    @Test
    @Timeout(10)
    void a_failure_reading_the_inputs_stops_the_writers_and_is_thrown() throws Exception {
        CountDownLatch stopped = new CountDownLatch(2);
        Map<Integer, Integer> got = new ConcurrentHashMap<>();
        Function<Iterator<Integer>, WriteSummary> writer = inputs -> {
            try {
                inputs.forEachRemaining(i -> got.put(i, i));
                return WriteSummary.EMPTY;
            } finally {
                stopped.countDown();
            }
        };
        Iterator<Integer> broken = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next == 500) {
                    throw new IllegalArgumentException("row 500 is not DynamoDB JSON");
                }
                return next++;
            }
        };

        assertThatThrownBy(() -> ConcurrentWrites.write(broken, i -> i, List.of(writer, writer)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("row 500 is not DynamoDB JSON");
        stopped.await(); // both writer threads ended (the timeout fails the test otherwise)
        assertThat(got).doesNotContainKey(500);
    }
}
