package dev.reproject.orderhistory.view;

import dev.reproject.core.decode.DecodeResult;
import dev.reproject.core.decode.EventuateDecoder;
import dev.reproject.core.event.DomainEvent;
import dev.reproject.core.event.SourcePosition;
import dev.reproject.core.item.Action;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.AttrValue.L;
import dev.reproject.core.item.AttrValue.M;
import dev.reproject.core.item.AttrValue.SS;
import dev.reproject.core.item.Marker;
import dev.reproject.core.item.Update;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.TableSchema.GlobalIndex;
import dev.reproject.core.view.TableSchema.KeyAttribute;
import dev.reproject.core.view.TableSchema.KeyType;
import dev.reproject.core.view.ViewResult;
import dev.reproject.core.view.Views;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.reproject.core.item.AttrValue.n;
import static dev.reproject.core.item.AttrValue.s;
import static dev.reproject.orderhistory.view.TestEvents.AUTHORIZED;
import static dev.reproject.orderhistory.view.TestEvents.CANCELLED;
import static dev.reproject.orderhistory.view.TestEvents.CREATED;
import static dev.reproject.orderhistory.view.TestEvents.EXAMPLE_PAYLOAD;
import static dev.reproject.orderhistory.view.TestEvents.ID;
import static dev.reproject.orderhistory.view.TestEvents.MARKER;
import static dev.reproject.orderhistory.view.TestEvents.ORDER;
import static dev.reproject.orderhistory.view.TestEvents.REJECTED;
import static dev.reproject.orderhistory.view.TestEvents.REVISED;
import static dev.reproject.orderhistory.view.TestEvents.REVISION_PROPOSED;
import static dev.reproject.orderhistory.view.TestEvents.TIME_MILLIS;
import static dev.reproject.orderhistory.view.TestEvents.event;
import static dev.reproject.orderhistory.view.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

class OrderHistoryViewTest {

    private final OrderHistoryView view = new OrderHistoryView();

    /** The update CONTRACT.md §4's example payload gives, written out by hand. */
    private static final Update EXAMPLE_UPDATE = new Update(
            new TreeMap<>(Map.of("orderId", s("4711"))),
            List.of(
                    new Action.Set("consumerId", s("1511300065921")),
                    new Action.Set("orderStatus", s("APPROVAL_PENDING")),
                    new Action.Set("creationDate", n(TIME_MILLIS)),
                    new Action.Set("lineItems", new L(List.of(new M(Map.of(
                            "menuItemId", s("1"),
                            "menuItemName", s("Chicken Vindaloo"),
                            "price", s("12.34"),
                            "quantity", n(5)))))),
                    new Action.Set("orderTotal", s("61.70")),
                    new Action.Set("restaurantId", n(1)),
                    new Action.Set("restaurantName", s("Ajanta")),
                    new Action.Set("keywords", SS.of("ajanta", "chicken", "vindaloo"))),
            new Marker(MARKER, ID));

    @Nested
    class Definition {

        @Test
        void nameVersionAndTopic() {
            assertThat(view.name()).isEqualTo("order-history");
            assertThat(view.version()).isEqualTo(1);
            assertThat(view.topics()).containsExactly("net.chrisrichardson.ftgo.orderservice.domain.Order");
        }

        @Test
        void tableAsSpecified() {
            assertThat(view.table()).isEqualTo(new TableSchema("ftgo-order-history",
                    new KeyAttribute("orderId", KeyType.S), Optional.empty(),
                    List.of(new GlobalIndex("ftgo-order-history-by-consumer-id-and-creation-time",
                            new KeyAttribute("consumerId", KeyType.S),
                            Optional.of(new KeyAttribute("creationDate", KeyType.N))))));
        }

        @Test
        void fingerprintIsTheSameForEveryInstance() {
            String fingerprint = new OrderHistoryView().fingerprint();
            assertThat(fingerprint).matches("[0-9a-f]{24}");
            assertThat(new OrderHistoryView().fingerprint()).isEqualTo(fingerprint);
            assertThat(Views.byName("order-history").fingerprint()).isEqualTo(fingerprint);
        }

        @Test
        void serviceLoaderFindsItByName() {
            assertThat(Views.byName("order-history")).isInstanceOf(OrderHistoryView.class);
        }
    }

    @Nested
    class OrderCreatedEvent {

        @Test
        void specExamplePayloadGivesTheWholeOrder() {
            assertThat(view.update(event(CREATED, EXAMPLE_PAYLOAD))).isEqualTo(new ViewResult.Handled(EXAMPLE_UPDATE));
        }

        @Test
        void specExampleMessageDecodedGivesTheSameUpdate() {
            String escapedPayload = EXAMPLE_PAYLOAD.replace("\"", "\\\"");
            String line = "{\"payload\":\"" + escapedPayload
                    + "\",\"headers\":{\"ID\":\"0000018c1f2e3d4c-0242ac1200090000\","
                    + "\"event-type\":\"net.chrisrichardson.ftgo.orderservice.api.events.OrderCreatedEvent\","
                    + "\"event-aggregate-type\":\"net.chrisrichardson.ftgo.orderservice.domain.Order\","
                    + "\"event-aggregate-id\":\"4711\",\"DATE\":\"Mon, 30 Nov 2026 09:15:02 GMT\",\"PARTITION_ID\":\"4711\","
                    + "\"DESTINATION\":\"net.chrisrichardson.ftgo.orderservice.domain.Order\"}}";
            EventuateDecoder decoder = new EventuateDecoder(
                    Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
            DecodeResult decoded = decoder.decode(line, SourcePosition.of(ORDER, 3, 1234));

            assertThat(decoded).isInstanceOf(DecodeResult.Decoded.class);
            DomainEvent event = ((DecodeResult.Decoded) decoded).event();
            assertThat(view.update(event)).isEqualTo(new ViewResult.Handled(EXAMPLE_UPDATE));
        }

        @Test
        void severalLineItemsKeepTheirOrderAndTheirWordsJoinTheKeywords() {
            String payload = "{\"orderDetails\":{\"lineItems\":["
                    + "{\"quantity\":2,\"menuItemId\":\"4\",\"name\":\"Crème Brûlée\",\"price\":\"6.50\",\"total\":\"13.00\"},"
                    + "{\"quantity\":1,\"menuItemId\":\"3\",\"name\":\"Soupe à l'Oignon\",\"price\":\"7.95\",\"total\":\"7.95\"}],"
                    + "\"orderTotal\":\"20.95\",\"restaurantId\":6,\"consumerId\":1511300073840},\"restaurantName\":\"Le Petit Café\"}";

            Update update = handled(view.update(event(CREATED, payload)));

            assertThat(attribute(update, "lineItems")).isEqualTo(new L(List.of(
                    new M(Map.of("menuItemId", s("4"), "menuItemName", s("Crème Brûlée"), "price", s("6.50"),
                            "quantity", n(2))),
                    new M(Map.of("menuItemId", s("3"), "menuItemName", s("Soupe à l'Oignon"), "price", s("7.95"),
                            "quantity", n(1))))));
            assertThat(attribute(update, "keywords"))
                    .isEqualTo(SS.of("le", "petit", "café", "crème", "brûlée", "soupe", "à", "l", "oignon"));
            assertThat(attribute(update, "consumerId")).isEqualTo(s("1511300073840"));
            assertThat(attribute(update, "restaurantId")).isEqualTo(n(6));
        }

        @Test
        void theKeyIsNotAmongTheActions() {
            Update update = handled(view.update(event(CREATED, EXAMPLE_PAYLOAD)));
            assertThat(update.actions()).extracting(Action::attribute).doesNotContain("orderId");
        }

        @Test
        void noLineItemsIsAnOrderWithAnEmptyList() {
            String payload = json("{'orderDetails':{'lineItems':[],'orderTotal':'0.00','restaurantId':1,"
                    + "'consumerId':1511300065921},'restaurantName':'Ajanta'}");
            Update update = handled(view.update(event(CREATED, payload)));
            assertThat(attribute(update, "lineItems")).isEqualTo(new L(List.of()));
            assertThat(attribute(update, "keywords")).isEqualTo(SS.of("ajanta"));
        }

        @Test
        void noWordAnywhereLeavesKeywordsOut() {
            String payload = json(
                    "{'orderDetails':{'lineItems':[{'quantity':1,'menuItemId':'1','name':'—','price':'1.00'}],"
                            + "'orderTotal':'1.00','restaurantId':1,'consumerId':1},'restaurantName':' & '}");
            Update update = handled(view.update(event(CREATED, payload)));
            assertThat(update.actions()).extracting(Action::attribute).containsExactly("consumerId", "orderStatus",
                    "creationDate", "lineItems", "orderTotal", "restaurantId", "restaurantName");
        }

        @Test
        void fieldsTheViewDoesNotReadAreIgnored() {
            String payload = EXAMPLE_PAYLOAD.replace("{\"orderDetails\":", "{\"extra\":[1,{}],\"orderDetails\":")
                    .replace("\"restaurantId\":1", "\"restaurantId\":1,\"deliveryInformation\":{\"address\":null}");
            assertThat(view.update(event(CREATED, payload))).isEqualTo(new ViewResult.Handled(EXAMPLE_UPDATE));
        }

        /** The same consumer however the number is written: the GSI key is the canonical decimal. */
        @ParameterizedTest
        @ValueSource(strings = {"1511300065921", "\"1511300065921\"", "\"0001511300065921\"", "1511300065921.0",
                "1.511300065921E12"})
        void consumerIdAsAWholeNumberInAnyForm(String written) {
            String payload = EXAMPLE_PAYLOAD.replace("1511300065921", written);
            assertThat(attribute(handled(view.update(event(CREATED, payload))), "consumerId"))
                    .isEqualTo(s("1511300065921"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "'\"12.34\"' | 12.34",
                "'\"12.3\"'  | 12.3",     // a string is kept as written
                "'\"0.5\"'   | 0.5",
                "12.34       | 12.34",
                "12.3        | 12.30",    // a number gets two decimals
                "12          | 12.00",
                "12.300      | 12.30",
                "12.345      | 12.345",   // never rounded
                "1.2E1       | 12.00",
                "-1.5        | -1.50"})
        void priceAsStringOrNumberBecomesAString(String written, String expected) {
            String payload = EXAMPLE_PAYLOAD.replace("\"price\":\"12.34\"", "\"price\":" + written)
                    .replace("\"orderTotal\":\"61.70\"", "\"orderTotal\":" + written);
            Update update = handled(view.update(event(CREATED, payload)));
            M lineItem = (M) ((L) attribute(update, "lineItems")).values().get(0);
            assertThat(lineItem.values().get("price")).isEqualTo(s(expected));
            assertThat(attribute(update, "orderTotal")).isEqualTo(s(expected));
        }

        @ParameterizedTest
        @ValueSource(strings = {"5", "5.0", "\"5\"", "5E0"})
        void quantityAsAWholeNumberInAnyForm(String written) {
            String payload = EXAMPLE_PAYLOAD.replace("\"quantity\":5", "\"quantity\":" + written);
            M lineItem = (M) ((L) attribute(handled(view.update(event(CREATED, payload))), "lineItems")).values()
                    .get(0);
            assertThat(lineItem.values().get("quantity")).isEqualTo(n(5));
        }

        @Test
        void restaurantIdAsAStringOfDigits() {
            String payload = EXAMPLE_PAYLOAD.replace("\"restaurantId\":1", "\"restaurantId\":\"1\"");
            assertThat(view.update(event(CREATED, payload))).isEqualTo(new ViewResult.Handled(EXAMPLE_UPDATE));
        }
    }

    @Nested
    class StatusEvents {

        @ParameterizedTest
        @CsvSource({
                "net.chrisrichardson.ftgo.orderservice.api.events.OrderAuthorized, APPROVED",
                "net.chrisrichardson.ftgo.orderservice.api.events.OrderRejected, REJECTED",
                "net.chrisrichardson.ftgo.orderservice.api.events.OrderCancelled, CANCELLED"})
        void setTheStatusOnly(String type, String status) {
            assertThat(view.update(event(type, "{\"orderId\":4711}"))).isEqualTo(new ViewResult.Handled(new Update(
                    new TreeMap<>(Map.of("orderId", s("4711"))),
                    List.of(new Action.Set("orderStatus", s(status))),
                    new Marker(MARKER, ID))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{\"anything\":[1,2]}", "not even JSON"})
        void needNothingFromThePayload(String payload) {
            for (String type : List.of(AUTHORIZED, REJECTED, CANCELLED)) {
                assertThat(view.update(event(type, payload))).isInstanceOf(ViewResult.Handled.class);
            }
        }
    }

    @Nested
    class Unhandled {

        @ParameterizedTest
        @ValueSource(strings = {
                "net.chrisrichardson.ftgo.orderservice.api.events.OrderRevisionProposed",
                "net.chrisrichardson.ftgo.orderservice.api.events.OrderRevised",
                "net.chrisrichardson.ftgo.orderservice.api.events.OrderCreated",
                "OrderCreatedEvent",
                "net.chrisrichardson.ftgo.orderservice.api.events.orderauthorized",
                "net.chrisrichardson.ftgo.kitchenservice.api.events.TicketCreatedEvent",
                ""})
        void otherEventTypesAreSkipped(String type) {
            assertThat(view.update(event(type, EXAMPLE_PAYLOAD))).isEqualTo(ViewResult.UNHANDLED);
        }

        @Test
        void revisionsOfTheSampleArchiveAreSkipped() {
            String proposed = json("{'orderRevision':{'revisedOrderLineItems':[{'quantity':3,'menuItemId':'1'}]},"
                    + "'currentOrderTotal':'61.70','newOrderTotal':'37.02'}");
            assertThat(view.update(event(REVISION_PROPOSED, proposed))).isEqualTo(ViewResult.UNHANDLED);
            assertThat(view.update(event(REVISED, proposed))).isEqualTo(ViewResult.UNHANDLED);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "net.chrisrichardson.ftgo.consumerservice.domain.Consumer",
                "net.chrisrichardson.ftgo.orderservice.domain.order",
                "Order"})
        void handledTypesOfAnotherAggregateAreSkipped(String aggregateType) {
            for (String type : List.of(CREATED, AUTHORIZED, REJECTED, CANCELLED)) {
                assertThat(view.update(event(aggregateType, type, EXAMPLE_PAYLOAD))).isEqualTo(ViewResult.UNHANDLED);
            }
        }

        @Test
        void anUnhandledTypeIsSkippedWhateverItsPayload() {
            assertThat(view.update(event(REVISED, "not JSON"))).isEqualTo(ViewResult.UNHANDLED);
        }
    }

    @Test
    void markerAndKeyComeFromTheHeaders() {
        DomainEvent event = new DomainEvent("0000018c1f2e3d4d-0242ac1200090007", AUTHORIZED, ORDER, "99",
                Instant.EPOCH, "{}", SourcePosition.of(ORDER, 0, 0));
        Update update = handled(view.update(event));
        assertThat(update.key()).isEqualTo(Map.of("orderId", s("99")));
        assertThat(update.marker()).isEqualTo(new Marker("events.net.chrisrichardson.ftgo.orderservice.domain.Order99",
                "0000018c1f2e3d4d-0242ac1200090007"));
    }

    static Update handled(ViewResult result) {
        assertThat(result).isInstanceOf(ViewResult.Handled.class);
        return ((ViewResult.Handled) result).update();
    }

    static AttrValue attribute(Update update, String name) {
        List<AttrValue> values = update.actions().stream()
                .filter(action -> action.attribute().equals(name))
                .map(action -> ((Action.Set) action).value())
                .toList();
        assertThat(values).as("SET actions on %s", name).hasSize(1);
        return values.get(0);
    }
}
