package dev.reproject.testview;

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

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A kitchen's tickets, one item per ticket: {@code TicketCreated} sets the restaurant and the number of line items
 * with status {@code CREATED}, {@code TicketAccepted} sets status {@code ACCEPTED}. Small on purpose: it shows
 * that a view outside the project's modules reaches the jobs through spark-submit's {@code --jars}.
 */
public final class KitchenTicketsView implements ViewDefinition {

    public static final String NAME = "kitchen-tickets";
    public static final String TOPIC = "test.kitchen.Ticket";
    public static final String AGGREGATE = "test.kitchen.Ticket";
    public static final String CREATED = "test.kitchen.TicketCreated";
    public static final String ACCEPTED = "test.kitchen.TicketAccepted";

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
        return new TableSchema("kitchen-tickets", new TableSchema.KeyAttribute("ticketId", TableSchema.KeyType.S),
                Optional.empty(), List.of());
    }

    @Override
    public Set<String> topics() {
        return Set.of(TOPIC);
    }

    @Override
    public ViewResult update(DomainEvent event) {
        if (!event.aggregateType().equals(AGGREGATE)) {
            return ViewResult.UNHANDLED;
        }
        Map<String, AttrValue> key = Map.of("ticketId", AttrValue.s(event.aggregateId()));
        Marker marker = Marker.of(event.aggregateType(), event.aggregateId(), event.id());
        if (event.type().equals(ACCEPTED)) {
            return new ViewResult.Handled(Update.of(key, List.of(new Action.Set("status", AttrValue.s("ACCEPTED"))),
                    marker));
        }
        if (!event.type().equals(CREATED)) {
            return ViewResult.UNHANDLED;
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(event.payload());
        } catch (IOException e) {
            return new ViewResult.Invalid("payload is not JSON");
        }
        if (!payload.path("restaurant").isTextual() || !payload.path("lineItems").isInt()) {
            return new ViewResult.Invalid("restaurant or lineItems is missing");
        }
        return new ViewResult.Handled(Update.of(key, List.of(
                new Action.Set("restaurant", AttrValue.s(payload.get("restaurant").asText())),
                new Action.Set("lineItems", AttrValue.n(payload.get("lineItems").asInt())),
                new Action.Set("status", AttrValue.s("CREATED"))), marker));
    }
}
