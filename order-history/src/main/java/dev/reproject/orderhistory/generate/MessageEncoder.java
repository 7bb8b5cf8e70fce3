package dev.reproject.orderhistory.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.reproject.orderhistory.FtgoOrder;
import dev.reproject.orderhistory.generate.OrderPlan.LineItem;
import dev.reproject.orderhistory.generate.ScheduledEvent.Revision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * Writes payloads and message lines as UTF-8 with Jackson's streaming generator, in the field order FTGO
 * and Eventuate Tram produce. Each kind of text has one long-lived generator writing root values into a
 * reusable buffer (no separator between them), which keeps a million messages cheap. Not thread-safe.
 */
final class MessageEncoder {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    // the same for every message: quoted and encoded once
    private static final SerializedString PAYLOAD = new SerializedString("payload");
    private static final SerializedString HEADERS = new SerializedString("headers");
    private static final SerializedString ID = new SerializedString("ID");
    private static final SerializedString EVENT_TYPE = new SerializedString("event-type");
    private static final SerializedString AGGREGATE_TYPE = new SerializedString("event-aggregate-type");
    private static final SerializedString AGGREGATE_ID = new SerializedString("event-aggregate-id");
    private static final SerializedString DATE = new SerializedString("DATE");
    private static final SerializedString PARTITION_ID = new SerializedString("PARTITION_ID");
    private static final SerializedString DESTINATION = new SerializedString("DESTINATION");
    private static final SerializedString ORDER_AGGREGATE = new SerializedString(FtgoOrder.AGGREGATE_TYPE);
    private static final SerializedString ORDER_TOPIC = new SerializedString(FtgoOrder.TOPIC);

    private final Output payloads;
    private final Output messages;
    private final Output strings;
    private long dateSecond = Long.MIN_VALUE;
    private String dateText;

    /** A generator and the buffer it writes to. */
    private static final class Output {
        final Buffer buffer = new Buffer();
        final JsonGenerator generator;

        Output(JsonFactory json) {
            try {
                generator = json.createGenerator(buffer, JsonEncoding.UTF8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonGenerator start() {
            buffer.reset();
            return generator;
        }

        byte[] finish() throws IOException {
            generator.flush();
            return buffer.toByteArray();
        }
    }

    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(4096);
        }
    }

    MessageEncoder() {
        JsonFactory json = new JsonFactoryBuilder().rootValueSeparator((String) null).build();
        payloads = new Output(json);
        messages = new Output(json);
        strings = new Output(json);
    }

    /** The payload of an event of an order: UTF-8 JSON text of an object. */
    byte[] payload(ScheduledEvent event) {
        OrderPlan order = event.order();
        try {
            JsonGenerator g = payloads.start();
            g.writeStartObject();
            switch (event.kind()) {
                case CREATED -> writeOrderCreated(g, order);
                case REVISION_PROPOSED, REVISED -> writeRevision(g, order, event.revision());
                case AUTHORIZED, REJECTED, CANCELLED -> g.writeNumberField("orderId", order.orderId());
                default -> throw new IllegalStateException("no payload for " + event.kind());
            }
            g.writeEndObject();
            return payloads.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
    }

    /** The message object as one line of UTF-8 JSON (Connect's JsonConverter), without a newline. */
    byte[] message(EventuateMessage m) {
        try {
            JsonGenerator g = messages.start();
            g.writeStartObject();
            g.writeFieldName(PAYLOAD);
            if (m.payloadEmbedded()) {
                g.writeRawValue(new String(m.payload(), StandardCharsets.UTF_8)); // JSON this encoder wrote
            } else {
                g.writeUTF8String(m.payload(), 0, m.payload().length); // escapes it as a JSON string
            }
            g.writeFieldName(HEADERS);
            g.writeStartObject();
            field(g, ID, m.id());
            g.writeFieldName(EVENT_TYPE);
            g.writeString(m.type());
            g.writeFieldName(AGGREGATE_TYPE);
            g.writeString(ORDER_AGGREGATE);
            if (m.withAggregateId()) {
                field(g, AGGREGATE_ID, m.aggregateId());
            }
            if (m.date() != null) {
                field(g, DATE, m.date());
            }
            field(g, PARTITION_ID, m.aggregateId());
            g.writeFieldName(DESTINATION);
            g.writeString(ORDER_TOPIC);
            g.writeEndObject();
            g.writeEndObject();
            return messages.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message line as a JSON string holding it (Connect's StringConverter). */
    byte[] asJsonString(byte[] messageLine) {
        try {
            strings.start().writeUTF8String(messageLine, 0, messageLine.length);
            return strings.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first half of a line, cut where no UTF-8 sequence is split: never JSON, since it does not end. */
    static byte[] truncated(byte[] line) {
        int cut = line.length / 2;
        while (cut > 0 && (line[cut] & 0xc0) == 0x80) {
            cut--;
        }
        return Arrays.copyOf(line, cut);
    }

    /** An Eventuate application ID: {@code %016x-%016x} of the time and a counter. */
    static String eventId(long high, long low) {
        char[] id = new char[33];
        hex16(high, id, 0);
        id[16] = '-';
        hex16(low, id, 17);
        return new String(id);
    }

    /** The DATE header: RFC 1123, whole seconds, GMT. */
    String date(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second != dateSecond) {
            dateSecond = second;
            dateText = DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC));
        }
        return dateText;
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }

    private static void writeOrderCreated(JsonGenerator g, OrderPlan order) throws IOException {
        g.writeObjectFieldStart("orderDetails");
        g.writeArrayFieldStart("lineItems");
        for (LineItem item : order.lineItems()) {
            g.writeStartObject();
            g.writeNumberField("quantity", item.quantity());
            g.writeStringField("menuItemId", item.dish().menuItemId());
            g.writeStringField("name", item.dish().name());
            g.writeStringField("price", money(item.dish().price()));
            g.writeStringField("total", money(item.total()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("orderTotal", money(order.orderTotal()));
        g.writeNumberField("restaurantId", order.restaurant().id());
        g.writeNumberField("consumerId", order.consumerId());
        g.writeEndObject();
        g.writeStringField("restaurantName", order.restaurant().name());
    }

    private static void writeRevision(JsonGenerator g, OrderPlan order, Revision revision) throws IOException {
        LineItem revised = order.lineItems().get(revision.lineItem());
        g.writeObjectFieldStart("orderRevision");
        g.writeArrayFieldStart("revisedOrderLineItems");
        g.writeStartObject();
        g.writeNumberField("quantity", revision.quantity());
        g.writeStringField("menuItemId", revised.dish().menuItemId());
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeStringField("currentOrderTotal", money(revision.currentTotal()));
        g.writeStringField("newOrderTotal", money(revision.newTotal()));
    }

    private static void field(JsonGenerator g, SerializedString name, String value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    private static void hex16(long value, char[] into, int at) {
        for (int i = 15; i >= 0; i--) {
            into[at + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }
}
