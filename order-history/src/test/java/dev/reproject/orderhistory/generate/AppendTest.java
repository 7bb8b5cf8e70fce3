package dev.reproject.orderhistory.generate;

import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.archive.connect.ArchiveLayout;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.sample.GenerationReport;
import dev.reproject.orderhistory.generate.ArchiveRecount.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppendTest {

    private static final int HALF = 3_000;

    @TempDir
    Path dir;

    @Test
    void aSecondRunContinuesOffsetsTimesAndIdsAndBringsTheLateTransitions() throws Exception {
        LocalArchiveStore store = new LocalArchiveStore(dir.resolve("a").toString());
        GenerationReport first = OrderArchiveGenerator.generate(store, GeneratorOptions.builder()
                .orders(HALF).partitions(3).recordsPerFile(400).badFraction(0.03).build());
        List<String> afterFirst = store.list("");
        GenerationReport second = OrderArchiveGenerator.generate(store, GeneratorOptions.builder()
                .orders(HALF).badFraction(0.03).append(true).build());
        List<String> afterSecond = store.list("");

        ArchiveRecount run1 = ArchiveRecount.of(store, afterFirst);
        ArchiveRecount run2 = ArchiveRecount.of(store, ArchiveRecount.newPaths(afterFirst, afterSecond));
        assertThat(run1.asReport()).isEqualTo(first);
        assertThat(run2.asReport()).isEqualTo(second);

        // offsets: run 2 starts each partition right after run 1's end, and the whole is gap-free
        for (SourcePartition tp : first.endOffsets().keySet()) {
            assertThat(run2.lines.get(tp).firstKey()).isEqualTo(first.endOffsets().get(tp) + 1);
        }
        ArchiveRecount whole = ArchiveRecount.of(store, afterSecond);
        whole.lines.forEach((tp, byOffset) -> {
            assertThat(byOffset.firstKey()).isZero();
            assertThat(byOffset.lastKey()).isEqualTo(byOffset.size() - 1L).isEqualTo(second.endOffsets().get(tp));
        });

        // times: run 2 begins where run 1 ended
        Instant endOfRun1 = run1.eventList.stream().map(Event::date).max(Comparator.naturalOrder()).orElseThrow();
        assertThat(run2.eventList).allSatisfy(e -> assertThat(e.date()).isAfterOrEqualTo(endOfRun1));

        // IDs: never twice, and each order's events in ID order along its offsets
        assertThat(whole.eventList).extracting(Event::id).doesNotHaveDuplicates();
        whole.eventList.stream().collect(Collectors.groupingBy(Event::orderId)).forEach((order, events) -> {
            events.sort(Comparator.comparingLong(Event::offset));
            assertThat(events).extracting(Event::id).as("order %d", order).isSorted();
        });

        // late transitions: run 2 holds decisions and cancellations of orders created in run 1
        List<Event> late = run2.eventList.stream().filter(e -> e.orderId() <= HALF).toList();
        assertThat(late).isNotEmpty();
        assertThat(late).extracting(Event::type).contains(
                "net.chrisrichardson.ftgo.orderservice.api.events.OrderCancelled");
        assertThat(run2.eventList).filteredOn(e -> e.type().endsWith("OrderCreatedEvent"))
                .extracting(Event::orderId).allMatch(id -> id > HALF && id <= 2 * HALF);
    }

    @Test
    void twoHalfRunsHoldExactlyTheEventsOfOneWholeRun() throws Exception {
        // the two windows (start, c(N/2)] and (c(N/2), c(N)] make up the single run's window (start, c(N)]
        LocalArchiveStore halves = new LocalArchiveStore(dir.resolve("halves").toString());
        OrderArchiveGenerator.generate(halves, GeneratorOptions.builder().orders(HALF).build());
        OrderArchiveGenerator.generate(halves, GeneratorOptions.builder().orders(HALF).append(true).build());
        LocalArchiveStore whole = new LocalArchiveStore(dir.resolve("whole").toString());
        OrderArchiveGenerator.generate(whole, GeneratorOptions.builder().orders(2 * HALF).build());

        assertThat(identities(halves)).isEqualTo(identities(whole));
    }

    @Test
    void appendTakesTheShapeFromTheArchiveAndRefusesOtherValues() throws Exception {
        LocalArchiveStore store = new LocalArchiveStore(dir.resolve("shape").toString());
        OrderArchiveGenerator.generate(store, GeneratorOptions.builder().orders(100).partitions(3).seed(5L)
                .layout(ArchiveLayout.HOURLY).build());

        assertThatThrownBy(() -> OrderArchiveGenerator.generate(store, GeneratorOptions.builder().orders(100)
                .append(true).partitions(8).seed(5L).gzip(true).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--partitions 8 (archive: 3)")
                .hasMessageContaining("gzip true (archive: false)")
                .hasMessageNotContaining("--seed");

        GenerationReport second = OrderArchiveGenerator.generate(store, GeneratorOptions.builder().orders(100)
                .append(true).seed(5L).build());
        assertThat(second.endOffsets()).hasSize(3);
        for (String path : store.list("topics/")) {
            ArchiveFile file = ArchiveFileName.parse(path).orElseThrow();
            assertThat(file.partition()).isLessThan(3);
            assertThat(path).contains("/year=");
        }
    }

    @Test
    void theStateRecordsEveryRun() throws Exception {
        LocalArchiveStore store = new LocalArchiveStore(dir.resolve("state").toString());
        OrderArchiveGenerator.generate(store, GeneratorOptions.builder().orders(50).build());
        GenerationReport second = OrderArchiveGenerator.generate(store,
                GeneratorOptions.builder().orders(70).append(true).build());

        GeneratorState state = GeneratorState.fromJson(store.read(OrderArchiveGenerator.STATE_FILE), "state");
        assertThat(state.runs()).isEqualTo(2);
        assertThat(state.orders()).isEqualTo(120);
        Map<SourcePartition, Long> ends = new TreeMap<>();
        for (int p = 0; p < state.nextOffsets().size(); p++) {
            if (state.nextOffsets().get(p) > 0) {
                ends.put(new SourcePartition("net.chrisrichardson.ftgo.orderservice.domain.Order", p),
                        state.nextOffsets().get(p) - 1);
            }
        }
        assertThat(ends).isEqualTo(second.endOffsets());
    }

    /** Every event as (ID, type, order, DATE, payload): what a reader takes from it, whatever file it is in. */
    private static Set<List<String>> identities(LocalArchiveStore store) throws Exception {
        ArchiveRecount recount = ArchiveRecount.of(store, store.list(""));
        List<List<String>> all = new ArrayList<>();
        for (Event e : recount.eventList) {
            all.add(List.of(e.id(), e.type(), e.aggregateId(), e.date().toString(), e.payload().toString()));
        }
        Set<List<String>> set = Set.copyOf(all);
        assertThat(set).hasSameSizeAs(all);
        return set;
    }
}
