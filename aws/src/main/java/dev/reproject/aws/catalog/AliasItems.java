package dev.reproject.aws.catalog;

import dev.reproject.core.alias.AliasMove;
import dev.reproject.core.alias.ViewAlias;
import dev.reproject.core.catalog.RebuildId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ViewAlias} as an item of the catalog table: key {@code alias:<view>} (no rebuild id or lease starts so),
 * the target rebuild id (absent when unset), the version, and the history as a list of maps.
 */
final class AliasItems {

    static final String KEY_PREFIX = "alias:";
    static final String TARGET = "aliasTarget";
    static final String VERSION = "aliasVersion";
    static final String HISTORY = "aliasHistory";

    private AliasItems() {
    }

    static Map<String, AttributeValue> key(String view) {
        return Map.of(CatalogItems.ID, CatalogItems.s(KEY_PREFIX + view));
    }

    static Map<String, AttributeValue> toItem(ViewAlias alias) {
        Map<String, AttributeValue> item = new HashMap<>(key(alias.view()));
        alias.target().ifPresent(t -> item.put(TARGET, CatalogItems.s(t.value())));
        item.put(VERSION, AttributeValue.fromN(Long.toString(alias.version())));
        item.put(HISTORY, AttributeValue.fromL(alias.history().stream().map(AliasItems::move).toList()));
        return item;
    }

    static ViewAlias fromItem(String view, Map<String, AttributeValue> item) {
        Optional<RebuildId> target = Optional.ofNullable(item.get(TARGET)).map(v -> new RebuildId(v.s()));
        List<AliasMove> history = item.get(HISTORY).l().stream().map(v -> move(v.m())).toList();
        return new ViewAlias(view, target, Long.parseLong(item.get(VERSION).n()), history);
    }

    private static AttributeValue move(AliasMove move) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("kind", CatalogItems.s(move.kind().name()));
        move.from().ifPresent(f -> m.put("from", CatalogItems.s(f.value())));
        m.put("to", CatalogItems.s(move.to().value()));
        m.put("at", CatalogItems.s(move.at().toString()));
        m.put("forced", AttributeValue.fromBool(move.forced()));
        m.put("note", CatalogItems.s(move.note()));
        return AttributeValue.fromM(m);
    }

    private static AliasMove move(Map<String, AttributeValue> m) {
        return new AliasMove(AliasMove.Kind.valueOf(m.get("kind").s()),
                Optional.ofNullable(m.get("from")).map(v -> new RebuildId(v.s())), new RebuildId(m.get("to").s()),
                Instant.parse(m.get("at").s()), m.get("forced").bool(), m.get("note").s());
    }
}
