package dev.reproject.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.item.Action;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Marker;
import dev.reproject.core.item.Update;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.ViewResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A second, small view, to show the toolkit is not shaped around orders: per consumer, from two aggregate
 * types on two topics onto one key — the consumer's name from its own events, and from order events an
 * {@code ADD} counter and a string set of restaurants. Their actions touch disjoint attributes, so they
 * commute, whatever the order across topics. Order events may carry {@code tags}, added as a set.
 */
public final class ConsumerActivityView implements ViewDefinition {

    static final String NAME = "consumer-activity";
    static final String CONSUMERS = "test.consumers";
    static final String ORDERS = "test.orders";
    static final String CONSUMER = "test.Consumer";
    static final String ORDER = "test.Order";
    static final String REGISTERED = "test.ConsumerRegistered";
    static final String PLACED = "test.OrderPlaced";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public TableSchema table() {
        return new TableSchema("consumer-activity", new TableSchema.KeyAttribute("consumerId", TableSchema.KeyType.S),
                Optional.empty(), List.of());
    }

    @Override
    public Set<String> topics() {
        return Set.of(CONSUMERS, ORDERS);
    }

    @Override
    public ViewResult update(DomainEvent event) {
        JsonNode payload;
        try {
            payload = JSON.readTree(event.payload());
        } catch (Exception e) {
            return new ViewResult.Invalid("payload is not JSON");
        }
        Marker marker = Marker.of(event.aggregateType(), event.aggregateId(), event.id());
        if (event.type().equals(REGISTERED) && event.aggregateType().equals(CONSUMER)) {
            if (!payload.path("name").isTextual()) {
                return new ViewResult.Invalid("name is missing");
            }
            return new ViewResult.Handled(Update.of(Map.of("consumerId", AttrValue.s(event.aggregateId())),
                    List.of(new Action.Set("name", AttrValue.s(payload.get("name").asText()))), marker));
        }
        if (event.type().equals(PLACED) && event.aggregateType().equals(ORDER)) {
            if (!payload.path("consumerId").isTextual() || !payload.path("restaurant").isTextual()) {
                return new ViewResult.Invalid("consumerId or restaurant is missing");
            }
            List<Action> actions = new ArrayList<>(List.of(new Action.Add("orders", AttrValue.n(1)),
                    new Action.Add("restaurants", AttrValue.SS.of(payload.get("restaurant").asText()))));
            if (payload.has("tags")) {
                // deliberately naive: an empty "tags" array gives an empty set, which DynamoDB refuses
                TreeSet<String> tags = new TreeSet<>();
                payload.get("tags").forEach(tag -> tags.add(tag.asText()));
                actions.add(new Action.Add("tags", new AttrValue.SS(tags)));
            }
            return new ViewResult.Handled(
                    Update.of(Map.of("consumerId", AttrValue.s(payload.get("consumerId").asText())),
                            actions, marker));
        }
        return ViewResult.UNHANDLED;
    }
}
