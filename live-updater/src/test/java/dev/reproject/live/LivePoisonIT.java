package dev.reproject.live;

import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Item;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static dev.reproject.live.LiveFixture.utf8;
import static dev.reproject.live.Messages.created;
import static dev.reproject.live.Messages.id;
import static dev.reproject.live.Messages.message;
import static dev.reproject.live.Messages.transition;
import static dev.reproject.live.Messages.withoutConsumer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed records in the topic, of every reason a Kafka record can have (unreadable-file is the archive's
 * alone; invalid-update cannot come from the Order History view, whose updates are SETs of checked values: see
 * {@code DynamoItemUpdaterIT}), end in the dead-letter topic with their reason and source, as they were; every
 * other event is applied, and the run commits past them.
 */
@ExtendWith(LocalServersExtension.class)
class LivePoisonIT {

    @Test
    void poison_records_go_to_the_dead_letter_topic_and_every_other_event_is_applied(LocalServers servers)
            throws Exception {
        String huge = "Ajanta" + "x".repeat(250_000);
        List<byte[]> values = Arrays.asList(
                created("1", 7, 0, 0),
                utf8("not json"),
                utf8("{\"payload\":\"{}\",\"headers\":{\"event-type\":\"x\",\"event-aggregate-type\":\"y\"}}"),
                message("2", "OrderCreatedEvent", 1, 1, "[1,2]"),
                withoutConsumer("3", 2, 2),
                message("4", "OrderCreatedEvent", 3, 3, "{\"orderDetails\":{\"lineItems\":[],\"orderTotal\":\"1.00\","
                        + "\"restaurantId\":1,\"consumerId\":7},\"restaurantName\":\"" + huge + "\"}"),
                transition("1", "OrderAuthorized", 4, 4),
                null,
                created("5", 8, 5, 5));
        List<String> reasons = List.of("not-json", "missing-header", "bad-payload", "invalid-event", "item-too-large",
                "not-json");
        List<Integer> poisonOffsets = List.of(1, 2, 3, 4, 5, 7);
        try (LiveFixture fixture = new LiveFixture(servers, "live-poison")) {
            fixture.freshTopic(1);
            fixture.produce(0, values);
            var entry = fixture.loaded(Watermark.empty());

            LiveFixture.Run run = fixture.live("--until-caught-up", "--json");

            assertThat(run.exitCode()).as(run.err()).isZero();
            Map<String, Item> items = fixture.items();
            assertThat(items).containsOnlyKeys("1", "5");
            assertThat(items.get("1").get("orderStatus")).contains(new AttrValue.S("APPROVED"));
            assertThat(items.get("1").get("events." + fixture.topic + "1")).contains(new AttrValue.S(id(4, 4)));
            assertThat(items.get("5").get("consumerId")).contains(new AttrValue.S("8"));
            assertThat(run.out()).contains("\"applied\":3").contains("\"records\":9")
                    .contains("\"deadLettered\":{\"bad-payload\":1,\"invalid-event\":1,\"item-too-large\":1,"
                            + "\"missing-header\":1,\"not-json\":2}");
            assertThat(fixture.catalog.get(entry.id()).orElseThrow().status()).isEqualTo(RebuildStatus.LIVE);

            // letters of records refused by DynamoDB follow those refused before writing: compare by source offset
            List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>(
                    deadLetters(servers, fixture.topic + DeadLetters.SUFFIX, 6));
            letters.sort(Comparator.comparingLong(letter -> Long.parseLong(header(letter, DeadLetters.SOURCE_OFFSET))));
            assertThat(letters).extracting(letter -> header(letter, DeadLetters.REASON))
                    .containsExactlyElementsOf(reasons);
            for (int i = 0; i < letters.size(); i++) {
                ConsumerRecord<byte[], byte[]> letter = letters.get(i);
                int offset = poisonOffsets.get(i);
                assertThat(header(letter, DeadLetters.SOURCE_TOPIC)).isEqualTo(fixture.topic);
                assertThat(header(letter, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
                assertThat(header(letter, DeadLetters.SOURCE_OFFSET)).isEqualTo(Integer.toString(offset));
                assertThat(letter.value()).isEqualTo(values.get(offset));
                assertThat(header(letter, DeadLetters.DETAIL)).isNotBlank();
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(LocalServers servers, String topic, int expected) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (letters.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
            }
            return letters;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
