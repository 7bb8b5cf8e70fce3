package dev.reproject.cli;

import dev.reproject.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MSK IAM by configuration alone: the four properties README's "Production Kafka settings" gives (read from it) are
 * accepted by every client the CLI builds, because aws-msk-iam-auth is on the CLI's class path. Nothing is connected
 * to (the address is one where nothing listens): a missing class or a refused setting would fail the construction.
 */
class MskIamConfigurationTest {

    private static final String README_EXAMPLE = "**Amazon MSK with IAM**";

    /** The example README.md gives, with an address where nothing listens. */
    static Map<String, Object> readmeExample() throws IOException {
        String readme = Files.readString(JobDocuments.inCheckout("README.md"));
        int example = readme.indexOf(README_EXAMPLE);
        assertThat(example).as("README.md has the MSK IAM example").isNotNegative();
        int start = readme.indexOf("```properties\n", example) + "```properties\n".length();
        Properties properties = new Properties();
        properties.load(new StringReader(readme.substring(start, readme.indexOf("```", start))));
        Map<String, Object> config = new HashMap<>();
        properties.forEach((key, value) -> config.put(key.toString(), value));
        assertThat(config).as("README.md's MSK IAM example").containsOnlyKeys("bootstrap.servers",
                "security.protocol", "sasl.mechanism", "sasl.jaas.config", "sasl.client.callback.handler.class");
        config.put("bootstrap.servers", "127.0.0.1:9");
        return config;
    }

    /** The four properties of MSK IAM, as AWS documents them. */
    @Test
    void readmeGivesTheFourPropertiesOfMskIam() throws IOException {
        assertThat(readmeExample()).isEqualTo(Map.of(
                "bootstrap.servers", "127.0.0.1:9",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "AWS_MSK_IAM",
                "sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;",
                "sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler"));
    }

    @Test
    void theLoginModuleAndCallbackHandlerAreOnTheClassPath() throws ClassNotFoundException {
        assertThat(Class.forName("software.amazon.msk.auth.iam.IAMLoginModule")).isNotNull();
        assertThat(Class.forName("software.amazon.msk.auth.iam.IAMClientCallbackHandler")).isNotNull();
    }

    @Test
    void everyClientOfTheCliAcceptsTheMskIamProperties() throws IOException {
        KafkaClients clients = new KafkaClients(readmeExample());

        try (Admin admin = clients.admin("msk-iam-test")) {
            assertThat(admin).isNotNull();
        }
        try (Consumer<byte[], byte[]> consumer = clients.consumerWithoutGroup("msk-iam-test");
             Producer<byte[], byte[]> producer = clients.deadLetterProducer("msk-iam-test", 1_048_588)) {
            assertThat(consumer).isNotNull();
            assertThat(producer).isNotNull();
            producer.close(Duration.ZERO);
        }
    }

    @Test
    void aCallbackHandlerThatIsNotThereWouldBeRefused() throws IOException {
        Map<String, Object> misspelt = readmeExample();
        misspelt.put("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandlr");

        assertThatThrownBy(() -> new KafkaClients(misspelt).admin()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IAMClientCallbackHandlr");
    }
}
