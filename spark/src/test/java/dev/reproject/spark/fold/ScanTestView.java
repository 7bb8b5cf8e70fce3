package dev.reproject.spark.fold;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.item.Action;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Marker;
import dev.reproject.core.item.Update;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.ViewResult;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A view for the scan's tests: {@code Set} sets {@code a} from the payload it is given parsed (invalid when it is
 * given none), {@code Bad} is invalid, {@code Boom} throws, anything else is unhandled.
 */
public final class ScanTestView implements ViewDefinition {

    static final String NAME = "scan-test";

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
        return new TableSchema("scan-test", new TableSchema.KeyAttribute("id", TableSchema.KeyType.S),
                Optional.empty(), List.of());
    }

    @Override
    public Set<String> topics() {
        return Set.of("scan.test");
    }

    @Override
    public ViewResult update(DomainEvent event) {
        return new ViewResult.Invalid("called without the parsed payload");
    }

    @Override
    public ViewResult update(DomainEvent event, JsonNode payload) {
        return switch (event.type()) {
            case "Set" -> payload == null ? new ViewResult.Invalid("no parsed payload")
                    : new ViewResult.Handled(Update.of(Map.of("id", AttrValue.s(event.aggregateId())),
                            List.of(new Action.Set("a", AttrValue.s(payload.get("a").textValue()))),
                            Marker.of(event.aggregateType(), event.aggregateId(), event.id())));
            case "Bad" -> new ViewResult.Invalid("bad on purpose");
            case "Boom" -> throw new IllegalStateException("boom");
            default -> ViewResult.UNHANDLED;
        };
    }
}
