package dev.reproject.core.item;

import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.TableSchema.GlobalIndex;
import dev.reproject.core.view.TableSchema.KeyAttribute;
import dev.reproject.core.view.TableSchema.KeyType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.reproject.core.item.Values.item;
import static dev.reproject.core.item.Values.map;
import static dev.reproject.core.item.Values.s;
import static org.assertj.core.api.Assertions.assertThat;

/** The table, key, marker and helpers the fold tests share. */
final class FoldFixture {

    /** hash key id (S); GSI by-owner: owner (S), created (N) */
    static final TableSchema TABLE = new TableSchema("things", new KeyAttribute("id", KeyType.S), Optional.empty(),
            List.of(new GlobalIndex("by-owner", new KeyAttribute("owner", KeyType.S),
                    Optional.of(new KeyAttribute("created", KeyType.N)))));
    /** hash key pk (S), range key sk (N) */
    static final TableSchema COMPOSITE = new TableSchema("pairs", new KeyAttribute("pk", KeyType.S),
            Optional.of(new KeyAttribute("sk", KeyType.N)), List.of());

    static final String MARKER = "events.Order1";
    static final Map<String, AttrValue> KEY = map("id", s("k1"));
    static final UpdateFold FOLD = new UpdateFold(TABLE);

    private FoldFixture() {
    }

    /** An update of aggregate Order 1 to the item k1. */
    static Update update(String eventId, Action... actions) {
        return Update.of(KEY, List.of(actions), Marker.of("Order", "1", eventId));
    }

    static Item applied(FoldResult result) {
        assertThat(result).isInstanceOf(FoldResult.Applied.class);
        return ((FoldResult.Applied) result).item();
    }

    static String rejected(FoldResult result, RejectReason reason) {
        assertThat(result).isInstanceOf(FoldResult.Rejected.class);
        FoldResult.Rejected rejected = (FoldResult.Rejected) result;
        assertThat(rejected.reason()).isEqualTo(reason);
        return rejected.detail();
    }

    static String invalid(FoldResult result) {
        return rejected(result, RejectReason.INVALID_UPDATE);
    }

    /** The item after applying {@code actions} to {@code current} with event e9. */
    static Item after(Item current, Action... actions) {
        return applied(FOLD.apply(current, update("e9", actions)));
    }

    /** Item k1 with marker e1 and these attributes. */
    static Item stored(Object... namesAndValues) {
        List<Object> all = new ArrayList<>(List.of("id", s("k1"), MARKER, s("e1")));
        all.addAll(List.of(namesAndValues));
        return item(all.toArray());
    }

    /** Item k1 with marker e9 and these attributes. */
    static Item expected(Object... namesAndValues) {
        List<Object> all = new ArrayList<>(List.of("id", s("k1"), MARKER, s("e9")));
        all.addAll(List.of(namesAndValues));
        return item(all.toArray());
    }
}
