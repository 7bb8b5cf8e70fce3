package dev.reproject.orderhistory.view;

import dev.reproject.aws.dynamodb.AttributeValues;
import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.decode.DecodeResult;
import dev.reproject.core.decode.EventuateDecoder;
import dev.reproject.core.event.SourcePosition;
import dev.reproject.core.item.FoldResult;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.UpdateFold;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.ViewResult;
import dev.reproject.core.view.Views;
import dev.reproject.oracle.DynamoValues;
import dev.reproject.oracle.ExpectedOrderHistory;
import dev.reproject.oracle.ExpectedOrderHistory.Rules;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code generate --revisions} gives longer histories, and {@code order-history-revisions} applies every event of
 * them: the view, folded in memory by core's {@link UpdateFold} in offset order, equals the independent
 * {@link ExpectedOrderHistory} under {@link Rules#WITH_REVISIONS}, which works the totals out from the created
 * orders' prices and the revised quantities rather than from the payloads' {@code newOrderTotal}.
 */
class OrderHistoryRevisionsViewTest {

    private static final int ORDERS = 2_000;
    private static final String REVISED = "net.chrisrichardson.ftgo.orderservice.api.events.OrderRevised";

    @TempDir
    Path dir;

    @Test
    void everyEventOfALongHistoryIsApplied_andTheItemsEqualTheIndependentOnes() throws Exception {
        LocalArchiveStore store = new LocalArchiveStore(dir.toString());
        OrderArchiveGenerator.generate(store, GeneratorOptions.builder().orders(ORDERS).revisions(5).build());
        ExpectedOrderHistory expected = ExpectedOrderHistory.ofDirectory(dir, Rules.WITH_REVISIONS);

        Folded folded = fold(store, Views.byName(OrderHistoryRevisionsView.NAME));

        // 1 created, 0.95 decided, 0.08 cancelled, 2 × 5 rounds for the 80 % authorized: ≈ 10 for orders not cut off
        assertThat(expected.records()).as("events per order").isBetween(ORDERS * 8L, ORDERS * 11L);
        assertThat(folded.applied).isEqualTo(expected.records()).isEqualTo(expected.applied());
        assertThat(expected.skipped()).isZero();
        assertThat(folded.items.keySet()).isEqualTo(expected.items().keySet());
        folded.items.forEach((orderId, item) -> assertThat(DynamoValues.sameItem(item, expected.items().get(orderId)))
                .as("order %s: %s against %s", orderId, item, expected.items().get(orderId)).isTrue());
        long revisedTotals = expected.items().values().stream().filter(item -> !item.get("orderTotal").s()
                .equals(totalAtCreation(item))).count();
        assertThat(revisedTotals).as("orders whose total is not their line items' at creation")
                .isGreaterThan(ORDERS / 2);
        assertThat(folded.revised).as("OrderRevised events").isGreaterThan(ORDERS * 3L);
    }

    @Test
    void theContractsViewStillSkipsRevisions() throws Exception {
        LocalArchiveStore store = new LocalArchiveStore(dir.toString());
        OrderArchiveGenerator.generate(store, GeneratorOptions.builder().orders(ORDERS).revisions(3).build());
        ExpectedOrderHistory expected = ExpectedOrderHistory.ofDirectory(dir);

        Folded folded = fold(store, Views.byName(OrderHistoryView.NAME));

        assertThat(folded.skipped).isEqualTo(expected.skipped()).isGreaterThan(ORDERS * 3L);
        folded.items.forEach((orderId, item) -> assertThat(DynamoValues.sameItem(item, expected.items().get(orderId)))
                .as("order %s", orderId).isTrue());
        assertThat(folded.items).hasSameSizeAs(expected.items());
    }

    private static String totalAtCreation(Map<String, AttributeValue> item) {
        BigDecimal total = BigDecimal.ZERO;
        for (AttributeValue lineItem : item.get("lineItems").l()) {
            total = total.add(new BigDecimal(lineItem.m().get("price").s())
                    .multiply(new BigDecimal(lineItem.m().get("quantity").n())));
        }
        return total.setScale(2).toPlainString();
    }

    private static final class Folded {
        final Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        long applied;
        long skipped;
        long revised;
    }

    /** Every file in (partition, start offset) order, each line decoded, updated by the view and folded. */
    private static Folded fold(LocalArchiveStore store, ViewDefinition view) throws Exception {
        EventuateDecoder decoder = new EventuateDecoder();
        UpdateFold fold = new UpdateFold(view.table());
        Map<String, Item> items = new HashMap<>();
        Folded folded = new Folded();
        List<ArchiveFile> files = store.list("").stream().map(ArchiveFileName::parse).flatMap(Optional::stream)
                .sorted(Comparator.comparingInt(ArchiveFile::partition).thenComparingLong(ArchiveFile::startOffset))
                .toList();
        for (ArchiveFile file : files) {
            String[] lines = new String(store.read(file.path()), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                DecodeResult decoded = decoder.decode(lines[i],
                        SourcePosition.of(file.topic(), file.partition(), file.startOffset() + i));
                DecodeResult.Decoded event = (DecodeResult.Decoded) decoded;
                ViewResult result = view.update(event.event());
                if (!(result instanceof ViewResult.Handled handled)) {
                    folded.skipped++;
                    continue;
                }
                if (event.event().type().equals(REVISED)) {
                    folded.revised++;
                }
                String key = event.event().aggregateId();
                FoldResult next = fold.apply(items.getOrDefault(key, Item.EMPTY), handled.update());
                items.put(key, Objects.requireNonNull(((FoldResult.Applied) next).item()));
                folded.applied++;
            }
        }
        items.forEach((key, item) -> folded.items.put(key, AttributeValues.toSdk(item)));
        return folded;
    }
}
