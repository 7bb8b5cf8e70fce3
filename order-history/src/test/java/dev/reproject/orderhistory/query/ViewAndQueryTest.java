package dev.reproject.orderhistory.query;

import dev.reproject.aws.dynamodb.AttributeValues;
import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.event.SourcePosition;
import dev.reproject.core.item.FoldResult;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.UpdateFold;
import dev.reproject.core.view.ViewResult;
import dev.reproject.orderhistory.view.OrderHistoryView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The queries read what the view writes: CONTRACT.md §4's example event, folded as the jobs fold it, read back. */
class ViewAndQueryTest {

    private static final String TOPIC = "net.chrisrichardson.ftgo.orderservice.domain.Order";
    private static final String EVENTS = "net.chrisrichardson.ftgo.orderservice.api.events.";
    private static final String PAYLOAD = "{\"orderDetails\":{\"lineItems\":[{\"quantity\":5,\"menuItemId\":\"1\","
            + "\"name\":\"Chicken Vindaloo\",\"price\":\"12.34\",\"total\":\"61.70\"}],\"orderTotal\":\"61.70\","
            + "\"restaurantId\":1,\"consumerId\":1511300065921},\"restaurantName\":\"Ajanta\"}";

    private final OrderHistoryView view = new OrderHistoryView();
    private final UpdateFold fold = new UpdateFold(view.table());

    private Item apply(Item item, String id, String type, String payload, long offset) {
        DomainEvent event = new DomainEvent(id, EVENTS + type, TOPIC, "4711", Instant.parse("2026-11-30T09:15:02Z"),
                payload, SourcePosition.of(TOPIC, 3, offset));
        ViewResult.Handled handled = (ViewResult.Handled) view.update(event);
        return ((FoldResult.Applied) fold.apply(item, handled.update())).item();
    }

    @Test
    void theExampleOrder_asTheQueriesReturnIt() {
        Item created = apply(Item.EMPTY, "0000018c1f2e3d4c-0242ac1200090000", "OrderCreatedEvent", PAYLOAD, 10);
        Item authorized = apply(created, "0000018c1f2e3d4d-0242ac1200090000", "OrderAuthorized", "{}", 11);

        Order order = OrderItems.toOrder(AttributeValues.toSdk(authorized)).orElseThrow();

        assertThat(order).isEqualTo(new Order("4711", "1511300065921", "APPROVED", 1_796_030_102_000L, 1, "Ajanta",
                "61.70", List.of(new Order.LineItem("1", "Chicken Vindaloo", "12.34", 5)),
                List.of("ajanta", "chicken", "vindaloo")));
        assertThat(AttributeValues.toSdk(authorized)).containsKey(
                "events.net.chrisrichardson.ftgo.orderservice.domain.Order4711");
    }
}
