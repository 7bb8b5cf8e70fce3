package dev.reproject.core.item;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpdateBinaryTest {

    @Test
    void every_action_and_value_type_round_trips_exactly() {
        AttrValue nested = new AttrValue.M(Map.of(
                "s", AttrValue.s("Crème brûlée \uD83D\uDE00"),
                "n", AttrValue.n("-12.50"),
                "b", new AttrValue.Bool(true),
                "z", new AttrValue.Null(),
                "l", new AttrValue.L(List.of(AttrValue.n(1), AttrValue.s(""), new AttrValue.L(List.of()))),
                "ss", AttrValue.SS.of("b", "a"),
                "ns", new AttrValue.NS(new TreeSet<>(List.of(new BigDecimal("1E+3"), new BigDecimal("0.5"))))));
        Update update = Update.of(Map.of("orderId", AttrValue.s("4711"), "sort", AttrValue.n(7)),
                List.of(new Action.Set("a", nested),
                        new Action.SetIfNotExists("b", AttrValue.s("x")),
                        new Action.Add("c", AttrValue.n("1.5")),
                        new Action.Delete("d", AttrValue.SS.of("gone")),
                        new Action.Remove("e"),
                        new Action.ListAppend("f", new AttrValue.L(List.of(AttrValue.s("x"))), true),
                        new Action.ListAppend("g", new AttrValue.L(List.of()), false),
                        // refused by DynamoDB, but an update like any other until the fold judges it
                        new Action.Add("h", new AttrValue.SS(new TreeSet<>()))),
                Marker.of("net.chrisrichardson.ftgo.orderservice.domain.Order", "4711",
                        "0000018c1f2e3d4c-0242ac1200090000"));

        Update back = UpdateBinary.readUpdate(UpdateBinary.write(update));

        assertThat(back).isEqualTo(update);
        assertThat(
                ((AttrValue.N) ((AttrValue.M) ((Action.Set) back.actions().get(0)).value()).values().get("n")).text())
                .isEqualTo("-12.5");
    }

    @Test
    void bytes_that_are_not_an_update_are_refused() {
        assertThatThrownBy(() -> UpdateBinary.readUpdate(new byte[]{0, 0, 0, 1, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
