package dev.reproject.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the publisher reads a topic's partition count while a broker's metadata settles (a publication in CI once
 * read "0 partitions" for a topic created a moment before). The admin here answers {@code describeTopics} from a
 * script: {@code -1} for an unknown topic, otherwise that many partitions; its last answer repeats.
 */
class KafkaTopicsTest {

    private static final String TOPIC = "orders";
    private static final Node BROKER = new Node(1, "127.0.0.1", 9092);

    private final Deque<Integer> script = new ArrayDeque<>();
    private int calls;

    @Test
    void aTopicUnknownAndThenShownWithoutPartitionsIsAskedAgainUntilItsPartitionsShow() {
        script.addAll(List.of(-1, 0, 0, 4));

        assertThat(topics(Duration.ofSeconds(5)).settledPartitionCount(TOPIC)).isEqualTo(4);
        assertThat(calls).isEqualTo(4);
    }

    @Test
    void aSettledTopicIsDescribedOnce() {
        script.add(8);

        assertThat(topics(Duration.ofSeconds(5)).settledPartitionCount(TOPIC)).isEqualTo(8);
        assertThat(calls).isEqualTo(1);
    }

    @Test
    void aTopicStillUnknownAfterTheSettlingTimeIsAnErrorNamingIt() {
        script.add(-1);

        assertThatThrownBy(() -> topics(Duration.ofMillis(300)).settledPartitionCount(TOPIC))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("topic 'orders' was created but the broker still does not know it after 300 ms");
        assertThat(calls).isGreaterThan(1);
    }

    @Test
    void aTopicStillWithoutPartitionsAfterTheSettlingTimeCountsZeroForTheCallerToRefuse() {
        script.add(0);

        assertThat(topics(Duration.ofMillis(300)).settledPartitionCount(TOPIC)).isZero();
        assertThat(calls).isGreaterThan(1);
    }

    @Test
    void partitionCountAsksOnceAndTellsAnUnknownTopicApart() {
        script.addAll(List.of(-1, 0));

        KafkaTopics topics = topics(Duration.ofSeconds(5));
        assertThat(topics.partitionCount(TOPIC)).isEmpty();
        assertThat(topics.partitionCount(TOPIC)).contains(0);
        assertThat(calls).isEqualTo(2);
    }

    private KafkaTopics topics(Duration settle) {
        Admin admin = (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[]{Admin.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("describeTopics")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return describe();
                });
        return new KafkaTopics(admin, settle);
    }

    private DescribeTopicsResult describe() {
        calls++;
        int answer = script.size() > 1 ? script.poll() : script.peek();
        KafkaFutureImpl<TopicDescription> future = new KafkaFutureImpl<>();
        if (answer < 0) {
            future.completeExceptionally(new UnknownTopicOrPartitionException("This server does not host this topic"));
        } else {
            List<TopicPartitionInfo> partitions = IntStream.range(0, answer)
                    .mapToObj(p -> new TopicPartitionInfo(p, BROKER, List.of(BROKER), List.of(BROKER))).toList();
            future.complete(new TopicDescription(TOPIC, false, partitions));
        }
        return new DescribeTopicsResult(null, Map.<String, KafkaFuture<TopicDescription>>of(TOPIC, future)) {
        };
    }
}
