package dev.reproject.cli;

import dev.reproject.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MSK IAM by configuration alone: the four properties README's "Production Kafka settings" gives are accepted by
 * every client the CLI builds, because aws-msk-iam-auth is on the CLI's class path. Nothing is connected to (the
 * address is one where nothing listens): a missing class or a refused setting would fail the construction.
 */
class MskIamConfigurationTest {

    /** As README.md's MSK IAM example has them. */
    static final Map<String, Object> MSK_IAM = Map.of(
            "bootstrap.servers", "127.0.0.1:9",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "AWS_MSK_IAM",
            "sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;",
            "sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");

    @Test
    void theLoginModuleAndCallbackHandlerAreOnTheClassPath() throws ClassNotFoundException {
        assertThat(Class.forName("software.amazon.msk.auth.iam.IAMLoginModule")).isNotNull();
        assertThat(Class.forName("software.amazon.msk.auth.iam.IAMClientCallbackHandler")).isNotNull();
    }

    @Test
    void everyClientOfTheCliAcceptsTheMskIamProperties() {
        KafkaClients clients = new KafkaClients(MSK_IAM);

        try (Admin admin = clients.admin("msk-iam-test")) {
            assertThat(admin).isNotNull();
        }
        try (Consumer<byte[], byte[]> consumer = clients.liveConsumer("msk-iam-test");
             Producer<byte[], byte[]> producer = clients.deadLetterProducer("msk-iam-test", 1_048_588)) {
            assertThat(consumer).isNotNull();
            assertThat(producer).isNotNull();
            producer.close(Duration.ZERO);
        }
    }

    @Test
    void aCallbackHandlerThatIsNotThereWouldBeRefused() {
        Map<String, Object> misspelt = new HashMap<>(MSK_IAM);
        misspelt.put("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandlr");

        assertThatThrownBy(() -> new KafkaClients(misspelt).admin()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IAMClientCallbackHandlr");
    }
}
