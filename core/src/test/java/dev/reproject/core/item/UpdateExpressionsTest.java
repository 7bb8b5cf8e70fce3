package dev.reproject.core.item;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.reproject.core.item.Values.l;
import static dev.reproject.core.item.Values.map;
import static dev.reproject.core.item.Values.n;
import static dev.reproject.core.item.Values.s;
import static dev.reproject.core.item.Values.ss;
import static org.assertj.core.api.Assertions.assertThat;

class UpdateExpressionsTest {

    private static final Marker MARKER = Marker.of("net.x.Order", "7", "0001-aa");

    @Test
    void rendersEveryActionThroughPlaceholders_inClauseOrder() {
        Update update = Update.of(map("orderId", s("7")), List.of(
                new Action.Remove("note"),
                new Action.Set("status", s("APPROVED")),
                new Action.Delete("tags", ss("old")),
                new Action.Add("count", n(1)),
                new Action.SetIfNotExists("created", n(5)),
                new Action.ListAppend("lines", l(s("x")), false),
                new Action.ListAppend("log", l(s("y")), true)), MARKER);

        RenderedUpdate rendered = UpdateExpressions.render(update);

        assertThat(rendered.updateExpression()).isEqualTo("SET #a1 = :v1, #a4 = if_not_exists(#a4, :v4), "
                + "#a5 = list_append(#a5, :v5), #a6 = list_append(if_not_exists(#a6, :empty), :v6), #m = :eventId "
                + "ADD #a3 :v3 DELETE #a2 :v2 REMOVE #a0");
        assertThat(rendered.conditionExpression()).isEqualTo("attribute_not_exists(#m) OR #m < :eventId");
        assertThat(rendered.key()).isEqualTo(map("orderId", s("7")));
        assertThat(rendered.names()).isEqualTo(new TreeMap<>(Map.of(
                "#a0", "note", "#a1", "status", "#a2", "tags", "#a3", "count", "#a4", "created", "#a5", "lines",
                "#a6", "log", "#m", "events.net.x.Order7")));
        assertThat(rendered.values()).isEqualTo(map(
                ":v1", s("APPROVED"), ":v2", ss("old"), ":v3", n(1), ":v4", n(5), ":v5", l(s("x")), ":v6", l(s("y")),
                ":empty", l(), ":eventId", s("0001-aa")));
    }

    @Test
    void withoutActions_onlyTheMarkerIsSet_andNoEmptyListIsDeclared() {
        RenderedUpdate rendered = UpdateExpressions.render(Update.of(map("orderId", s("7")), List.of(), MARKER));

        assertThat(rendered.updateExpression()).isEqualTo("SET #m = :eventId");
        assertThat(rendered.names()).containsOnlyKeys("#m");
        assertThat(rendered.values()).containsOnlyKeys(":eventId");
    }

    @Test
    void onlyRemove() {
        RenderedUpdate rendered = UpdateExpressions.render(Update.of(map("orderId", s("7")),
                List.of(new Action.Remove("a"), new Action.Remove("b")), MARKER));

        assertThat(rendered.updateExpression()).isEqualTo("SET #m = :eventId REMOVE #a0, #a1");
        assertThat(rendered.values()).containsOnlyKeys(":eventId");
    }
}
