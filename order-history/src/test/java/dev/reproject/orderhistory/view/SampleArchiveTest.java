package dev.reproject.orderhistory.view;

import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.decode.DecodeResult;
import dev.reproject.core.decode.EventuateDecoder;
import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.event.SourcePosition;
import dev.reproject.core.item.Action;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Update;
import dev.reproject.core.view.ViewResult;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static dev.reproject.orderhistory.view.TestEvents.AUTHORIZED;
import static dev.reproject.orderhistory.view.TestEvents.CANCELLED;
import static dev.reproject.orderhistory.view.TestEvents.CREATED;
import static dev.reproject.orderhistory.view.TestEvents.REJECTED;
import static dev.reproject.orderhistory.view.TestEvents.REVISED;
import static dev.reproject.orderhistory.view.TestEvents.REVISION_PROPOSED;
import static org.assertj.core.api.Assertions.assertThat;

/** The view over archives made by the sample generator: every handled event is applied, nothing is invalid. */
class SampleArchiveTest {

    private static final int ORDERS = 2_000;
    private static final Set<String> HANDLED = Set.of(CREATED, AUTHORIZED, REJECTED, CANCELLED);

    private final OrderHistoryView view = new OrderHistoryView();

    @Test
    void everyEventOfACleanArchiveIsHandled(@TempDir Path dir) throws IOException {
        Outcome outcome = run(dir, 0);

        assertThat(outcome.invalid).isEmpty();
        assertThat(outcome.wronglyClassified).isEmpty();
        assertThat(outcome.unhandled).isEmpty();
        assertThat(outcome.handled.get(CREATED)).isEqualTo(ORDERS);
        // every order is decided at most once: authorized, rejected or still pending
        assertThat(outcome.handled.get(AUTHORIZED) + outcome.handled.get(REJECTED)).isBetween(1L, (long) ORDERS);
        assertThat(outcome.handled.get(CANCELLED)).isPositive().isLessThan(outcome.handled.get(AUTHORIZED));
        assertThat(outcome.badUpdates).isEmpty();
    }

    @Test
    void revisionsInANoisyArchiveAreSkippedAndTheRestHandled(@TempDir Path dir) throws IOException {
        Outcome outcome = run(dir, 0.05);

        assertThat(outcome.invalid).isEmpty();
        assertThat(outcome.wronglyClassified).isEmpty();
        assertThat(outcome.unhandled.keySet()).containsExactlyInAnyOrder(REVISION_PROPOSED, REVISED);
        // re-delivered copies decode again: at least every order's creation
        assertThat(outcome.handled.get(CREATED)).isGreaterThanOrEqualTo(ORDERS);
        assertThat(outcome.badUpdates).isEmpty();
    }

    private static final class Outcome {
        final Map<String, Long> handled = new TreeMap<>();
        final Map<String, Long> unhandled = new TreeMap<>();
        final List<String> invalid = new ArrayList<>();
        final List<String> wronglyClassified = new ArrayList<>();
        final List<String> badUpdates = new ArrayList<>();
    }

    private Outcome run(Path dir, double badFraction) throws IOException {
        LocalArchiveStore store = new LocalArchiveStore(dir.toString());
        OrderArchiveGenerator.generate(store,
                GeneratorOptions.builder().orders(ORDERS).badFraction(badFraction).build());
        EventuateDecoder decoder = new EventuateDecoder();
        Outcome outcome = new Outcome();
        for (String path : store.list("")) {
            ArchiveFile file = ArchiveFileName.parse(path).orElse(null);
            if (file == null) {
                continue; // the generator's state file
            }
            List<String> lines = lines(store.read(path), file.gzip());
            for (int i = 0; i < lines.size(); i++) {
                DecodeResult decoded = decoder.decode(lines.get(i),
                        SourcePosition.of(file.topic(), file.partition(), file.startOffset() + i));
                if (decoded instanceof DecodeResult.Decoded d) {
                    classify(d.event(), outcome);
                }
            }
        }
        return outcome;
    }

    private void classify(DomainEvent event, Outcome outcome) {
        ViewResult result = view.update(event);
        boolean handledType = HANDLED.contains(event.type());
        if (result instanceof ViewResult.Invalid invalid) {
            outcome.invalid.add(event.source() + ": " + invalid.detail());
        } else if (result instanceof ViewResult.Handled handled && handledType) {
            outcome.handled.merge(event.type(), 1L, Long::sum);
            check(event, handled.update(), outcome);
        } else if (result instanceof ViewResult.Unhandled && !handledType) {
            outcome.unhandled.merge(event.type(), 1L, Long::sum);
        } else {
            outcome.wronglyClassified.add(event.source() + " " + event.type() + ": " + result);
        }
    }

    /** What DynamoDB would refuse or the queries would miss. */
    private static void check(DomainEvent event, Update update, Outcome outcome) {
        if (!update.key().equals(Map.of("orderId", AttrValue.s(event.aggregateId())))) {
            outcome.badUpdates.add(event.source() + ": key " + update.key());
        }
        for (Action action : update.actions()) {
            if (action.attribute().equals("orderId")
                    || action instanceof Action.Set set && set.value() instanceof AttrValue.SS ss
                            && ss.values().isEmpty()) {
                outcome.badUpdates.add(event.source() + ": " + action);
            }
        }
        if (event.type().equals(CREATED)
                && update.actions().stream().noneMatch(a -> a.attribute().equals("keywords"))) {
            outcome.badUpdates.add(event.source() + ": no keywords for a sample order");
        }
    }

    /** A file's lines; a corrupt gzip copy (the noisy archive has some) has none. */
    private static List<String> lines(byte[] content, boolean gzip) {
        if (gzip) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
                content = in.readAllBytes();
            } catch (IOException e) {
                return List.of();
            }
        }
        String text = new String(content, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
