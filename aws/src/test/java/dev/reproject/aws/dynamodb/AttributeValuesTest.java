package dev.reproject.aws.dynamodb;

import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Item;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttributeValuesTest {

    private static final AttrValue.M ORDER_LINE = new AttrValue.M(Map.of(
            "name", new AttrValue.S("Chicken Vindaloo"),
            "quantity", AttrValue.n(5),
            "tags", new AttrValue.L(List.of(new AttrValue.Bool(true), new AttrValue.Null()))));

    @Test
    void everyTypeConverts() {
        assertThat(AttributeValues.toSdk(new AttrValue.S("x"))).isEqualTo(AttributeValue.fromS("x"));
        assertThat(AttributeValues.toSdk(AttrValue.n("1.50"))).isEqualTo(AttributeValue.fromN("1.5"));
        assertThat(AttributeValues.toSdk(AttrValue.n("1E+3"))).isEqualTo(AttributeValue.fromN("1000"));
        assertThat(AttributeValues.toSdk(new AttrValue.Bool(false))).isEqualTo(AttributeValue.fromBool(false));
        assertThat(AttributeValues.toSdk(new AttrValue.Null())).isEqualTo(AttributeValue.fromNul(true));
        assertThat(AttributeValues.toSdk(AttrValue.SS.of("b", "a")))
                .isEqualTo(AttributeValue.fromSs(List.of("a", "b")));
        assertThat(AttributeValues.toSdk(ns("2", "1.0"))).isEqualTo(AttributeValue.fromNs(List.of("1", "2")));
        assertThat(AttributeValues.toSdk(ORDER_LINE)).isEqualTo(AttributeValue.fromM(Map.of(
                "name", AttributeValue.fromS("Chicken Vindaloo"),
                "quantity", AttributeValue.fromN("5"),
                "tags", AttributeValue.fromL(List.of(AttributeValue.fromBool(true), AttributeValue.fromNul(true))))));
    }

    @Test
    void itemsRoundTrip() {
        TreeMap<String, AttrValue> attributes = new TreeMap<>();
        attributes.put("orderId", new AttrValue.S("7"));
        attributes.put("lineItems", new AttrValue.L(List.of(ORDER_LINE)));
        attributes.put("keywords", AttrValue.SS.of("ajanta"));
        attributes.put("ids", ns("1", "-2.5"));
        attributes.put("empty", new AttrValue.S(""));
        Item item = new Item(attributes);

        assertThat(AttributeValues.toItem(AttributeValues.toSdk(item))).isEqualTo(item);
    }

    @Test
    void numbersFromDynamoDbAreNormalised() {
        assertThat(AttributeValues.fromSdk(AttributeValue.fromN("100.0"))).isEqualTo(AttrValue.n(100));
        assertThat(AttributeValues.fromSdk(AttributeValue.fromNs(List.of("1E+2", "3.10"))))
                .isEqualTo(ns("100", "3.1"));
    }

    @Test
    void anEmptySetIsSentAsIs_forDynamoDbToRefuse() {
        AttributeValue empty = AttributeValues.toSdk(AttrValue.SS.of());

        assertThat(empty.hasSs()).isTrue();
        assertThat(empty.ss()).isEmpty();
        assertThat(empty.type()).isEqualTo(AttributeValue.Type.SS);
    }

    @Test
    void binaryIsNotModelled() {
        assertThatThrownBy(() -> AttributeValues.fromSdk(AttributeValue.fromB(
                software.amazon.awssdk.core.SdkBytes.fromUtf8String("x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("binary");
    }

    @Test
    void noItemIsTheEmptyItem() {
        assertThat(AttributeValues.toItem(null)).isEqualTo(Item.EMPTY);
        assertThat(AttributeValues.toItem(Map.of())).isEqualTo(Item.EMPTY);
    }

    private static AttrValue.NS ns(String... numbers) {
        TreeSet<BigDecimal> values = new TreeSet<>();
        for (String number : numbers) {
            values.add(new BigDecimal(number));
        }
        return new AttrValue.NS(values);
    }
}
