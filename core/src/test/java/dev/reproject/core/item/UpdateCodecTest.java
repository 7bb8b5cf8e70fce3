package dev.reproject.core.item;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.reproject.core.item.Values.l;
import static dev.reproject.core.item.Values.m;
import static dev.reproject.core.item.Values.map;
import static dev.reproject.core.item.Values.n;
import static dev.reproject.core.item.Values.ns;
import static dev.reproject.core.item.Values.s;
import static dev.reproject.core.item.Values.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpdateCodecTest {

    private static final Marker MARKER = Marker.of("net.x.Order", "7", "0001-aa");

    @Test
    void writesCompactJson() {
        Update update = Update.of(map("orderId", s("7")), List.of(
                new Action.Set("status", s("APPROVED")),
                new Action.ListAppend("lines", l(n(1)), true),
                new Action.Remove("note")), MARKER);

        assertThat(UpdateCodec.toJson(update)).isEqualTo("{\"key\":{\"orderId\":{\"S\":\"7\"}},"
                + "\"marker\":{\"attribute\":\"events.net.x.Order7\",\"eventId\":\"0001-aa\"},"
                + "\"actions\":[{\"op\":\"SET\",\"attribute\":\"status\",\"value\":{\"S\":\"APPROVED\"}},"
                + "{\"op\":\"LIST_APPEND\",\"attribute\":\"lines\",\"value\":{\"L\":[{\"N\":\"1\"}]},\"ifNotExists\":true},"
                + "{\"op\":\"REMOVE\",\"attribute\":\"note\"}]}");
    }

    @Test
    void roundTripsEveryAction_inOrder() {
        Update update = Update.of(map("pk", s("a"), "sk", n("1.50")), List.of(
                new Action.Set("s", m("k", l(s("é"), new AttrValue.Null(), new AttrValue.Bool(true)))),
                new Action.SetIfNotExists("created", n("1E+3")),
                new Action.Add("count", n("-0.5")),
                new Action.Add("tags", ss("b", "a")),
                new Action.Delete("ids", ns("3", "1")),
                new Action.Remove("gone"),
                new Action.ListAppend("log", l(s("x")), false),
                new Action.ListAppend("log2", l(), true)), MARKER);

        Update back = UpdateCodec.fromJson(UpdateCodec.toJson(update));

        assertThat(back).isEqualTo(update);
        assertThat(UpdateCodec.toJson(back)).isEqualTo(UpdateCodec.toJson(update));
    }

    @Test
    void roundTripsUpdatesDynamoDbWouldRefuse() {
        Update update = Update.of(map("id", s("")), List.of(
                new Action.Set("a", ss()),
                new Action.Add("b", s("not a number")),
                new Action.Set("c", n("1E+200")),
                new Action.Set("c", s("twice"))), new Marker("", ""));

        assertThat(UpdateCodec.fromJson(UpdateCodec.toJson(update))).isEqualTo(update);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "[]",
            "{\"key\":{\"id\":{\"S\":\"1\"}},\"marker\":{\"attribute\":\"m\",\"eventId\":\"e\"}}",
            "{\"key\":{},\"marker\":{\"attribute\":\"m\",\"eventId\":\"e\"},\"actions\":[]}",
            "{\"key\":{\"id\":{\"S\":\"1\"}},\"actions\":[]}",
            "{\"key\":{\"id\":{\"S\":\"1\"}},\"marker\":{\"attribute\":\"m\"},\"actions\":[]}",
            "{\"key\":{\"id\":{\"S\":\"1\"}},\"marker\":{\"attribute\":\"m\",\"eventId\":\"e\"},\"actions\":[],\"x\":1}",
            "{\"key\":{\"id\":{\"S\":\"1\"}},\"marker\":{\"attribute\":\"m\",\"eventId\":\"e\"},\"actions\":[{\"op\":\"PUT\",\"attribute\":\"a\",\"value\":{\"S\":\"x\"}}]}",
            "{\"key\":{\"id\":{\"S\":\"1\"}},\"marker\":{\"attribute\":\"m\",\"eventId\":\"e\"},\"actions\":[{\"op\":\"SET\",\"attribute\":\"a\"}]}",
            "{\"key\":{\"id\":{\"S\":\"1\"}},\"marker\":{\"attribute\":\"m\",\"eventId\":\"e\"},\"actions\":[{\"op\":\"REMOVE\",\"attribute\":\"a\",\"value\":{\"S\":\"x\"}}]}",
            "{\"key\":{\"id\":{\"S\":\"1\"}},\"marker\":{\"attribute\":\"m\",\"eventId\":\"e\"},\"actions\":[{\"op\":\"LIST_APPEND\",\"attribute\":\"a\",\"value\":{\"L\":[]}}]}",
            "{\"key\":{\"id\":{\"S\":\"1\"}},\"marker\":{\"attribute\":\"m\",\"eventId\":\"e\"},\"actions\":[{\"op\":\"SET\",\"attribute\":\"a\",\"value\":{\"S\":\"x\"},\"ifNotExists\":true}]}",
            "{\"key\":{\"id\":{\"S\":\"1\"}},\"marker\":{\"attribute\":\"m\",\"eventId\":7},\"actions\":[]}",
    })
    void readsStrictly(String json) {
        assertThatThrownBy(() -> UpdateCodec.fromJson(json)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messagesSayWhere() {
        assertThatThrownBy(() -> UpdateCodec.fromJson("{\"key\":{\"id\":{\"S\":\"1\"}},\"marker\":{\"attribute\":\"m\","
                + "\"eventId\":\"e\"},\"actions\":[{\"op\":\"SET\",\"attribute\":\"a\",\"value\":{\"S\":\"x\"}},"
                + "{\"op\":\"PUT\",\"attribute\":\"b\"}]}"))
                .hasMessageContaining("unknown op \"PUT\" at $.actions[1]");
    }
}
