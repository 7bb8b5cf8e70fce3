package dev.reproject.aws.dynamodb;

import dev.reproject.core.item.Action;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Marker;
import dev.reproject.core.item.Update;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UpdateItemRequestsTest {

    @Test
    void aConditionalUpdateWithPlaceholdersOnly() {
        Update update = Update.of(Map.of("orderId", new AttrValue.S("7")), List.of(
                new Action.Set("orderStatus", new AttrValue.S("APPROVED")),
                new Action.Add("count", AttrValue.n(1))),
                Marker.of("net.chrisrichardson.ftgo.orderservice.domain.Order", "7", "0001-aa"));

        UpdateItemRequest request = UpdateItemRequests.of("ftgo-order-history", update);

        assertThat(request.tableName()).isEqualTo("ftgo-order-history");
        assertThat(request.key()).isEqualTo(Map.of("orderId", AttributeValue.fromS("7")));
        assertThat(request.updateExpression()).isEqualTo("SET #a0 = :v0, #m = :eventId ADD #a1 :v1");
        assertThat(request.conditionExpression()).isEqualTo("attribute_not_exists(#m) OR #m < :eventId");
        assertThat(request.expressionAttributeNames()).isEqualTo(Map.of(
                "#a0", "orderStatus", "#a1", "count",
                "#m", "events.net.chrisrichardson.ftgo.orderservice.domain.Order7"));
        assertThat(request.expressionAttributeValues()).isEqualTo(Map.of(
                ":v0", AttributeValue.fromS("APPROVED"), ":v1", AttributeValue.fromN("1"),
                ":eventId", AttributeValue.fromS("0001-aa")));
        assertThat(request.returnValues()).isEqualTo(ReturnValue.NONE);
    }
}
