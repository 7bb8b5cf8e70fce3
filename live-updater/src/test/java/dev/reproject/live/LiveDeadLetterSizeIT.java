package dev.reproject.live;

import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Item;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.reproject.live.Messages.created;
import static dev.reproject.live.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dead letter larger than its topic accepts ({@code max.message.bytes}) is cut to fit, with
 * {@code reproject.truncated} giving the value's original size, and the updater goes on: before, the send failed, the
 * updater stopped, and stopped again at the same record on every restart.
 */
@ExtendWith(LocalServersExtension.class)
class LiveDeadLetterSizeIT {

    private static final int SMALL_TOPIC_BYTES = 64 * 1024;

    @Test
    void a_letter_over_a_64_KiB_topic_limit_arrives_cut_and_later_records_are_applied(LocalServers servers)
            throws Exception {
        // item-too-large, as in LivePoisonIT: about 250 KB, four times what the dead-letter topic takes
        byte[] huge = message("4", "OrderCreatedEvent", 3, 3, "{\"orderDetails\":{\"lineItems\":[],"
                + "\"orderTotal\":\"1.00\",\"restaurantId\":1,\"consumerId\":7},\"restaurantName\":\"Ajanta"
                + "x".repeat(250_000) + "\"}");
        String dlq = "live-dlq-small";
        try (LiveFixture fixture = new LiveFixture(servers, "live-dlq-small")) {
            fixture.freshTopic(1);
            try (Admin admin = fixture.admin()) {
                if (admin.listTopics().names().get().contains(dlq)) {
                    admin.deleteTopics(List.of(dlq)).all().get();
                    while (admin.listTopics().names().get().contains(dlq)) {
                        Thread.sleep(100);
                    }
                }
                admin.createTopics(List.of(new NewTopic(dlq, 1, (short) 1).configs(Map.of(
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(SMALL_TOPIC_BYTES))))).all().get();
            }
            fixture.produce(0, List.of(created("1", 7, 0, 0), huge, created("5", 8, 5, 5)));
            fixture.loaded(Watermark.empty());

            LiveFixture.Run run = fixture.live("--until-caught-up", "--json", "--dead-letter-topic", dlq);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("\"records\":3").contains("\"deadLettered\":{\"item-too-large\":1}");
            Map<String, Item> items = fixture.items();
            assertThat(items).containsOnlyKeys("1", "5");
            assertThat(items.get("5").get("consumerId")).contains(new AttrValue.S("8"));
            ConsumerRecord<byte[], byte[]> letter = single(servers, dlq);
            assertCut(letter, huge, SMALL_TOPIC_BYTES);
            assertThat(header(letter, DeadLetters.REASON)).isEqualTo("item-too-large");
            assertThat(header(letter, DeadLetters.SOURCE_OFFSET)).isEqualTo("1");
        }
    }

    @Test
    void a_letter_of_a_record_near_the_1_MB_default_arrives_cut(LocalServers servers) throws Exception {
        // fits the source topic (the broker's default max.message.bytes, 1,048,588 bytes per batch) with a few dozen
        // bytes to spare: the letter's added headers (reason, detail, source) do not
        byte[] nearlyOneMb = "x".repeat(1_048_400).getBytes(StandardCharsets.UTF_8);
        try (LiveFixture fixture = new LiveFixture(servers, "live-dlq-1mb")) {
            fixture.freshTopic(1);
            fixture.produce(0, List.of(nearlyOneMb, created("2", 7, 1, 1)));
            fixture.loaded(Watermark.empty());

            LiveFixture.Run run = fixture.live("--until-caught-up", "--json");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("\"records\":2").contains("\"deadLettered\":{\"not-json\":1}");
            assertThat(fixture.items()).containsOnlyKeys("2");
            ConsumerRecord<byte[], byte[]> letter = single(servers, fixture.topic + DeadLetters.SUFFIX);
            assertCut(letter, nearlyOneMb, 1_048_588);
            assertThat(header(letter, DeadLetters.REASON)).isEqualTo("not-json");
        }
    }

    /** Cut: a shorter prefix of the original value, the header naming its size, the whole letter within the limit. */
    private static void assertCut(ConsumerRecord<byte[], byte[]> letter, byte[] original, int limit) {
        assertThat(header(letter, DeadLetters.TRUNCATED)).isEqualTo(Integer.toString(original.length));
        assertThat(letter.value().length).isLessThan(original.length).isGreaterThan(limit / 2);
        assertThat(letter.value()).isEqualTo(Arrays.copyOf(original, letter.value().length));
        int headerBytes = Arrays.stream(letter.headers().toArray())
                .mapToInt(h -> h.key().getBytes(StandardCharsets.UTF_8).length + h.value().length).sum();
        assertThat(letter.value().length + headerBytes).isLessThanOrEqualTo(limit);
    }

    private static ConsumerRecord<byte[], byte[]> single(LocalServers servers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (letters.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(letters::add);
            assertThat(letters).hasSize(1);
            return letters.get(0);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
