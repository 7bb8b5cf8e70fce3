package dev.reproject.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How large a record each dead-letter topic takes, from an admin that answers {@code describeConfigs} as told. */
class KafkaTopicsLimitsTest {

    @Test
    void eachTopicsMaxMessageBytesIsReadFromItsConfiguration() {
        KafkaTopics topics = new KafkaTopics(admin(Map.of("a", "65536", "b", "1048588"), false));

        assertThat(topics.maxMessageBytes(List.of("a", "b"))).isEqualTo(Map.of("a", 65_536, "b", 1_048_588));
    }

    @Test
    void configurationsThatCannotBeReadGiveKafkasDefault() {
        KafkaTopics topics = new KafkaTopics(admin(Map.of(), true));

        assertThat(topics.maxMessageBytes(List.of("a", "b"))).isEqualTo(Map.of("a", 1_048_588, "b", 1_048_588));
    }

    /** @param denied topic configurations are refused (TopicAuthorization) and so is the cluster's description */
    private static Admin admin(Map<String, String> maxMessageBytes, boolean denied) {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[]{Admin.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("describeCluster")) {
                        throw new ClusterAuthorizationException("not allowed to describe the cluster");
                    }
                    if (!method.getName().equals("describeConfigs")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Map<ConfigResource, KafkaFuture<Config>> futures = new HashMap<>();
                    for (Object resource : (Collection<?>) args[0]) {
                        ConfigResource config = (ConfigResource) resource;
                        KafkaFutureImpl<Config> future = new KafkaFutureImpl<>();
                        if (denied) {
                            future.completeExceptionally(new TopicAuthorizationException("not allowed"));
                        } else {
                            future.complete(new Config(List.of(new ConfigEntry("max.message.bytes",
                                    maxMessageBytes.get(config.name())))));
                        }
                        futures.put(config, future);
                    }
                    return new DescribeConfigsResult(futures) {
                    };
                });
    }
}
