package dev.reproject.orderhistory.generate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.archive.connect.ArchiveLayout;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.sample.GenerationReport;
import dev.reproject.orderhistory.generate.ArchiveRecount.Event;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** One archive of 30,000 orders (hourly, gzip, 2 % bad), read back independently and checked from every side. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedArchiveTest {

    private static final String EVENTS = "net.chrisrichardson.ftgo.orderservice.api.events.";
    private static final String CREATED = EVENTS + "OrderCreatedEvent";
    private static final String AUTHORIZED = EVENTS + "OrderAuthorized";
    private static final String REJECTED = EVENTS + "OrderRejected";
    private static final String CANCELLED = EVENTS + "OrderCancelled";
    private static final String TOPIC = "net.chrisrichardson.ftgo.orderservice.domain.Order";
    private static final int ORDERS = 30_000;

    private LocalArchiveStore store;
    private GenerationReport report;
    private ArchiveRecount recount;
    private Map<Long, List<Event>> byOrder;

    @BeforeAll
    void generate(@TempDir Path dir) throws Exception {
        store = new LocalArchiveStore(dir.toString());
        report = OrderArchiveGenerator.generate(store, GeneratorOptions.builder()
                .orders(ORDERS).badFraction(0.02).layout(ArchiveLayout.HOURLY).gzip(true).build());
        recount = ArchiveRecount.of(store, store.list(""));
        byOrder = recount.eventList.stream().collect(Collectors.groupingBy(Event::orderId));
        byOrder.values().forEach(events -> events.sort(Comparator.comparingLong(Event::offset)));
    }

    @Test
    void theReportIsExactlyWhatAnIndependentReadingFinds() {
        assertThat(recount.asReport()).isEqualTo(report);
        assertThat(recount.copyMismatches).isEmpty();
    }

    @Test
    void everyKindOfFaultIsThere() {
        assertThat(report.rejected(RejectReason.NOT_JSON)).isPositive();
        assertThat(report.rejected(RejectReason.MISSING_HEADER)).isPositive();
        assertThat(report.rejected(RejectReason.BAD_PAYLOAD)).isPositive();
        assertThat(report.rejected(RejectReason.UNREADABLE_FILE)).isPositive();
        assertThat(report.duplicates()).isPositive();
        assertThat(report.unhandled()).isPositive();
        long bad = report.rejected(RejectReason.NOT_JSON) + report.rejected(RejectReason.MISSING_HEADER)
                + report.rejected(RejectReason.BAD_PAYLOAD);
        assertThat((double) bad / report.records()).isCloseTo(0.02, within(0.005));
        assertThat((double) report.unhandled() / report.records()).isCloseTo(0.02, within(0.01));
    }

    @Test
    void aboutOneLineInTenIsAJsonStringHoldingTheMessage() {
        assertThat((double) recount.stringLines / recount.records()).isCloseTo(0.10, within(0.02));
    }

    @Test
    void fatesHaveRealisticProportions() {
        long created = report.events().get(CREATED);
        assertThat(created).isEqualTo(ORDERS);
        assertThat((double) report.events().get(AUTHORIZED) / created).isBetween(0.75, 0.85);
        assertThat((double) report.events().get(REJECTED) / created).isBetween(0.12, 0.18);

        // cancellations come up to 6 h later: count them among orders old enough to have had all their events
        Instant lastCreation = recount.eventList.stream().filter(e -> e.type().equals(CREATED))
                .map(Event::date).max(Comparator.naturalOrder()).orElseThrow();
        Instant settled = lastCreation.minus(Duration.ofHours(6).plusMinutes(1));
        List<List<Event>> old = byOrder.values().stream().filter(events -> events.get(0).date().isBefore(settled))
                .toList();
        long authorized = old.stream().filter(events -> has(events, AUTHORIZED)).count();
        long cancelled = old.stream().filter(events -> has(events, CANCELLED)).count();
        assertThat(old).hasSizeGreaterThan(5_000);
        assertThat((double) cancelled / authorized).isBetween(0.07, 0.13);
        long pending = old.stream().filter(events -> !has(events, AUTHORIZED) && !has(events, REJECTED)).count();
        assertThat((double) pending / old.size()).isBetween(0.03, 0.07);
    }

    @Test
    void eachOrderLivesInOnePartitionWithIdsAndTimesRisingWithItsOffsets() {
        byOrder.forEach((orderId, events) -> {
            assertThat(events).extracting(Event::tp).as("partitions of order %d", orderId)
                    .containsOnly(events.get(0).tp());
            assertThat(events.get(0).type()).as("first event of order %d", orderId).isEqualTo(CREATED);
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i).id()).as("IDs of order %d", orderId).isGreaterThan(events.get(i - 1).id());
                assertThat(events.get(i).date()).isAfterOrEqualTo(events.get(i - 1).date());
            }
            List<String> types = events.stream().map(Event::type).toList();
            if (types.contains(CANCELLED)) {
                assertThat(types.indexOf(CANCELLED)).isGreaterThan(types.indexOf(AUTHORIZED)).isPositive();
                assertThat(types.indexOf(CANCELLED)).isEqualTo(types.size() - 1);
            }
            assertThat(types.contains(AUTHORIZED) && types.contains(REJECTED)).isFalse();
        });
        Map<SourcePartition, Long> perPartition = recount.eventList.stream()
                .collect(Collectors.groupingBy(Event::tp, Collectors.counting()));
        assertThat(perPartition).hasSize(8);
        perPartition.values().forEach(n -> assertThat(n).isGreaterThan(recount.eventList.size() / 16));
    }

    @Test
    void idsAreUniqueAndCarryTheEventTime() {
        assertThat(recount.eventList).extracting(Event::id).doesNotHaveDuplicates();
        for (Event e : recount.eventList) {
            assertThat(e.id()).matches("[0-9a-f]{16}-[0-9a-f]{16}");
            long millis = Long.parseLong(e.id().substring(0, 16), 16);
            assertThat(e.date().getEpochSecond()).isEqualTo(Math.floorDiv(millis, 1000));
            assertThat(e.headers().get("PARTITION_ID").textValue()).isEqualTo(e.aggregateId());
            assertThat(e.headers().get("DESTINATION").textValue()).isEqualTo(TOPIC);
            assertThat(e.headers().get("event-aggregate-type").textValue()).isEqualTo(TOPIC);
        }
    }

    @Test
    void orderCreatedPayloadsAddUp() {
        Map<Long, String> restaurantNames = new HashMap<>();
        for (Event e : recount.eventList) {
            if (!e.type().equals(CREATED)) {
                assertThat(e.payload().size()).isLessThanOrEqualTo(3);
                continue;
            }
            JsonNode details = e.payload().get("orderDetails");
            JsonNode items = details.get("lineItems");
            assertThat(items.size()).isBetween(1, 5);
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode item : items) {
                assertThat(item.get("price").textValue()).matches("\\d+\\.\\d\\d");
                BigDecimal total = new BigDecimal(item.get("price").textValue())
                        .multiply(new BigDecimal(item.get("quantity").intValue()));
                assertThat(item.get("total").textValue()).isEqualTo(total.toPlainString());
                assertThat(item.get("name").textValue()).isNotBlank();
                sum = sum.add(total);
            }
            assertThat(details.get("orderTotal").textValue()).isEqualTo(sum.toPlainString());
            assertThat(details.get("consumerId").isIntegralNumber()).isTrue();
            String name = e.payload().get("restaurantName").textValue();
            assertThat(restaurantNames.computeIfAbsent(details.get("restaurantId").longValue(), id -> name))
                    .isEqualTo(name);
        }
        assertThat(restaurantNames).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void filesSitInTheHourOfTheirFirstRecord() throws Exception {
        Map<String, Instant> firstEventTime = new HashMap<>();
        recount.eventList.stream().filter(e -> isFirstLine(e)).forEach(e -> firstEventTime.put(e.path(), e.date()));
        assertThat(firstEventTime).isNotEmpty();
        firstEventTime.forEach((path, time) -> assertThat(path).startsWith(hourDirectory(time)));

        for (String path : store.list("")) {
            ArchiveFile file = ArchiveFileName.parse(path).orElse(null);
            if (file == null) {
                assertThat(path).isEqualTo(OrderArchiveGenerator.STATE_FILE);
                continue;
            }
            assertThat(path).endsWith(".json.gz").matches("topics/" + TOPIC.replace(".", "\\.")
                    + "/year=\\d{4}/month=\\d\\d/day=\\d\\d/hour=\\d\\d/[^/]+");
        }
    }

    private boolean isFirstLine(Event e) {
        return ArchiveFileName.parse(e.path()).orElseThrow().startOffset() == e.offset();
    }

    private static String hourDirectory(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        return String.format("topics/%s/year=%04d/month=%02d/day=%02d/hour=%02d/", TOPIC, z.getYear(),
                z.getMonthValue(),
                z.getDayOfMonth(), z.getHour());
    }

    private static boolean has(List<Event> events, String type) {
        return events.stream().anyMatch(e -> e.type().equals(type));
    }
}
