package dev.reproject.orderhistory.generate;

import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.sample.GenerationReport;
import dev.reproject.orderhistory.FtgoOrder;
import dev.reproject.orderhistory.generate.OrderPlan.LineItem;
import dev.reproject.orderhistory.generate.ScheduledEvent.Revision;
import dev.reproject.orderhistory.generate.Seeds.RunStream;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One run: streams the window's events in time order into the partitions' files, with the run's noise
 * (StringConverter lines, bad lines, revisions, faulty copies) drawn from (seed, run number).
 */
final class GenerationRun {

    /** About one line in this many is written as a JSON string holding the message (StringConverter). */
    private static final int STRING_LINE_EVERY = 10;
    /** Revisions per authorized order, per unit of bad fraction: makes unhandled events ≈ f × records. */
    private static final double REVISIONS_PER_BAD_FRACTION = 1.3;

    private static final byte[] NOT_AN_OBJECT = "[1,2]".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOT_JSON = "not json".getBytes(StandardCharsets.UTF_8);

    private final ArchiveShape shape;
    private final GeneratorState before;
    private final long newOrders;
    private final double badFraction;
    private final double revisionRounds;
    private final int run;
    private final SplittableRandom lines;
    private final SplittableRandom revisions;
    private final MessageEncoder encoder = new MessageEncoder();
    private final RunTally tally = new RunTally();
    private final EventSchedule schedule;
    private final PartitionFiles files;
    private long idCounter;

    record Result(GenerationReport report, GeneratorState after) {
    }

    GenerationRun(ArchiveStore store, GeneratorState before, long newOrders, double badFraction,
                  double revisionRounds) {
        this.shape = before.shape();
        this.before = before;
        this.newOrders = newOrders;
        this.badFraction = badFraction;
        this.revisionRounds = revisionRounds;
        this.run = before.runs() + 1;
        this.lines = Seeds.forRun(shape.seed(), run, RunStream.LINES);
        this.revisions = Seeds.forRun(shape.seed(), run, RunStream.REVISIONS);
        this.schedule = new EventSchedule(shape.seed(), shape.consumers(), before.orders(), newOrders,
                before.windowEnd());
        FaultyCopies faults = badFraction > 0
                ? new FaultyCopies(store, shape.layout(), shape.gzip(),
                        Seeds.forRun(shape.seed(), run, RunStream.FILES), tally)
                : null;
        this.files = new PartitionFiles(store, FtgoOrder.TOPIC, shape, before.nextOffsetArray(), tally, faults);
        this.idCounter = before.nextIdCounter();
    }

    Result run() throws IOException {
        for (ScheduledEvent event = schedule.next(); event != null; event = schedule.next()) {
            String orderId = Long.toString(event.orderId());
            int partition = KafkaPartitioner.partition(orderId, shape.partitions());
            EventuateMessage message = EventuateMessage.of(MessageEncoder.eventId(event.time(), idCounter++),
                    event.kind().type(), orderId, encoder.date(event.time()), encoder.payload(event));
            files.append(partition, line(message), event.time());
            tally.event(event.kind());
            if (revisionRounds > 0 && event.kind() == EventKind.AUTHORIZED) {
                revise(event);
            }
            if (badFraction > 0) {
                if (revisionRounds == 0 && event.kind() == EventKind.AUTHORIZED) {
                    maybeRevise(event);
                }
                if (lines.nextDouble() < badFraction) {
                    writeBadLine(partition, message, event.time());
                }
            }
        }
        files.finish();
        GeneratorState after = new GeneratorState(shape, run, before.orders() + newOrders, schedule.windowEnd(),
                Arrays.stream(files.nextOffsets()).boxed().toList(), idCounter);
        return new Result(tally.report(files.endOffsets()), after);
    }

    private byte[] line(EventuateMessage message) {
        byte[] json = encoder.message(message);
        return lines.nextInt(STRING_LINE_EVERY) == 0 ? encoder.asJsonString(json) : json;
    }

    /** A sibling of {@code good} (same order, type and time, its own ID), broken one way. */
    private void writeBadLine(int partition, EventuateMessage good, long time) throws IOException {
        BadLine kind = BadLine.draw(lines);
        long counter = idCounter++;
        EventuateMessage sibling = good.withId(MessageEncoder.eventId(time, counter));
        byte[] text = switch (kind) {
            case TRUNCATED -> MessageEncoder.truncated(line(sibling));
            // outbox IDs: a database sequence first, so no time can be read from them
            case NO_DATE_OUTBOX_ID -> line(sibling.withoutDate(MessageEncoder.eventId(counter, 1)));
            case NO_AGGREGATE_ID -> line(sibling.withoutAggregateId());
            case PAYLOAD_OBJECT -> line(sibling.withPayloadEmbedded());
            case PAYLOAD_NOT_AN_OBJECT -> line(sibling.withPayload(counter % 2 == 0 ? NOT_AN_OBJECT : NOT_JSON));
        };
        files.append(partition, text, time);
        tally.rejected(kind.reason());
    }

    /** Unhandled event types: a proposed and an accepted revision of an authorized order, within the window. */
    private void maybeRevise(ScheduledEvent authorized) {
        if (revisions.nextDouble() >= Math.min(1, badFraction * REVISIONS_PER_BAD_FRACTION)) {
            return;
        }
        OrderPlan order = authorized.order();
        int item = revisions.nextInt(order.lineItems().size());
        int quantity = 1 + (order.lineItems().get(item).quantity() + revisions.nextInt(4)) % 5; // differs
        long proposedAt = authorized.time() + revisions.nextLong(30_000, 20 * 60_000);
        long revisedAt = proposedAt + revisions.nextLong(2_000, 60_000);
        if (revisedAt >= order.cancelledAtOrNever() || revisedAt > schedule.windowEnd()) {
            return;
        }
        LineItem revised = order.lineItems().get(item);
        Revision revision = new Revision(item, quantity, order.orderTotal(), order.orderTotal()
                .subtract(revised.total()).add(revised.dish().price().multiply(BigDecimal.valueOf(quantity))));
        schedule.addIfInWindow(new ScheduledEvent(proposedAt, EventKind.REVISION_PROPOSED, order, revision));
        schedule.addIfInWindow(new ScheduledEvent(revisedAt, EventKind.REVISED, order, revision));
    }

    /**
     * {@code --revisions}: rounds of a proposed and an accepted revision after the authorization, each changing one
     * line item's quantity from what the round before left; ⌊r⌋ rounds, one more with probability r − ⌊r⌋. A
     * proposal comes 5 s to 2 min after the round before, its acceptance 1 to 20 s later. The rounds end before a
     * cancellation and at the run's window end (an order created in the last minutes of a run has fewer).
     */
    private void revise(ScheduledEvent authorized) {
        OrderPlan order = authorized.order();
        int rounds = (int) revisionRounds + (revisions.nextDouble() < revisionRounds % 1 ? 1 : 0);
        int[] quantities = order.lineItems().stream().mapToInt(LineItem::quantity).toArray();
        BigDecimal total = order.orderTotal();
        long after = authorized.time();
        for (int round = 0; round < rounds; round++) {
            int item = revisions.nextInt(quantities.length);
            int quantity = 1 + (quantities[item] + revisions.nextInt(4)) % 5; // differs from the current one
            long proposedAt = after + revisions.nextLong(5_000, 120_000);
            long revisedAt = proposedAt + revisions.nextLong(1_000, 20_000);
            if (revisedAt >= order.cancelledAtOrNever() || revisedAt > schedule.windowEnd()) {
                return;
            }
            BigDecimal price = order.lineItems().get(item).dish().price();
            BigDecimal newTotal = total.add(price.multiply(BigDecimal.valueOf((long) quantity - quantities[item])));
            Revision revision = new Revision(item, quantity, total, newTotal);
            schedule.addIfInWindow(new ScheduledEvent(proposedAt, EventKind.REVISION_PROPOSED, order, revision));
            schedule.addIfInWindow(new ScheduledEvent(revisedAt, EventKind.REVISED, order, revision));
            quantities[item] = quantity;
            total = newTotal;
            after = revisedAt;
        }
    }
}
