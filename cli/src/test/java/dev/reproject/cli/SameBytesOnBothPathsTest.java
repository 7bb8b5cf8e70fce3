package dev.reproject.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reproject.archiver.file.LineCodec;
import dev.reproject.core.decode.DecodeResult;
import dev.reproject.core.decode.EventuateDecoder;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.event.SourcePosition;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.ViewResult;
import dev.reproject.core.view.Views;
import dev.reproject.live.Classified;
import dev.reproject.live.RecordClassifier;
import dev.reproject.spark.archive.ArchiveLines;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same record bytes give the same update before the handoff (archived, then read by the archive reader) and after
 * it (consumed by the live updater), for bytes that are not UTF-8 too (CONTRACT.md §3.3): otherwise one record would
 * be applied by a rebuild and dead-lettered by {@code live}, or the other way round.
 */
class SameBytesOnBothPathsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "net.chrisrichardson.ftgo.orderservice.domain.Order";
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    /** @param name the restaurant's name as bytes in ISO-8859-1 (each char one byte): some are not UTF-8 */
    @ParameterizedTest
    @ValueSource(strings = {"Ajanta", "Caf\u00e9", "Caf\u00c3\u00a9", "a\u00ffb", "\u00c3(", "\u00e2\u0082\u00ac"})
    void theArchivedRecordAndTheConsumedOneGiveTheSameUpdate(String name) throws IOException {
        byte[] value = orderCreated(name.getBytes(StandardCharsets.ISO_8859_1));
        ViewDefinition view = Views.byName("order-history");

        Classified live = new RecordClassifier(new EventuateDecoder(NOW), view).classify(TOPIC, 0, 41, value);
        ViewResult asTheArchiverWritesIt = archived(LineCodec.encode(value), view);
        ViewResult asAnotherWriterWritesIt = archived(value, view);

        assertThat(live).isInstanceOf(Classified.ToApply.class);
        assertThat(asTheArchiverWritesIt).isEqualTo(new ViewResult.Handled(((Classified.ToApply) live).update()));
        assertThat(asAnotherWriterWritesIt).isEqualTo(asTheArchiverWritesIt);
    }

    /** The record as line 0 of a file at offset 41, read back as the archive reader reads it. */
    private ViewResult archived(byte[] line, ViewDefinition view) throws IOException {
        String relative = "topics/" + TOPIC + "/partition=0/" + TOPIC + "+0+0000000041.json";
        Files.createDirectories(root.resolve(relative).getParent());
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(line);
        content.write('\n');
        Files.write(root.resolve(relative), content.toByteArray());
        try (ArchiveLines lines = ArchiveLines.open(root.toUri().toString(), relative, new Configuration())) {
            DecodeResult decoded = new EventuateDecoder(NOW).decode(lines.next().text(),
                    new SourcePosition(new SourcePartition(TOPIC, 0), 41));
            assertThat(decoded).isInstanceOf(DecodeResult.Decoded.class);
            return view.update(((DecodeResult.Decoded) decoded).event());
        }
    }

    /** An OrderCreated message whose payload names the restaurant with {@code name}, bytes as they are. */
    private static byte[] orderCreated(byte[] name) {
        String placeholder = "RESTAURANT-NAME";
        String payload = "{\"orderDetails\":{\"lineItems\":[{\"quantity\":2,\"menuItemId\":\"1\",\"name\":\"Dal\","
                + "\"price\":\"12.34\",\"total\":\"24.68\"}],\"orderTotal\":\"24.68\",\"restaurantId\":1,"
                + "\"consumerId\":7},\"restaurantName\":\"" + placeholder + "\"}";
        ObjectNode message = JSON.createObjectNode();
        message.put("payload", payload);
        ObjectNode headers = message.putObject("headers");
        headers.put("ID", "0000018c1f2e3d4c-0242ac1200090000");
        headers.put("event-type", "net.chrisrichardson.ftgo.orderservice.api.events.OrderCreatedEvent");
        headers.put("event-aggregate-type", TOPIC);
        headers.put("event-aggregate-id", "4711");
        headers.put("DATE", "Fri, 1 Dec 2023 10:00:00 GMT");
        String text = message.toString();
        int at = text.indexOf(placeholder);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(name);
        out.writeBytes(text.substring(at + placeholder.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
