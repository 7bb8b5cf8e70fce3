package dev.reproject.sandbox;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class SecuredKafkaTest {

    private final Properties properties = SecuredKafka.serverProperties(9092, 9094, 9095, 9093, Path.of("/data"),
            Path.of("/work/broker.p12"), "store-secret", "user-secret");

    @Test
    void everyListenerIsOnLoopbackAndTheBrokersTalkPlaintextAmongThemselves() {
        assertThat(properties.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092,"
                + "SASL_PLAINTEXT://127.0.0.1:9094,SSL://127.0.0.1:9095,CONTROLLER://127.0.0.1:9093");
        assertThat(properties.getProperty("advertised.listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:9092,SASL_PLAINTEXT://127.0.0.1:9094,SSL://127.0.0.1:9095");
        assertThat(properties.getProperty("inter.broker.listener.name")).isEqualTo("PLAINTEXT");
        assertThat(properties.getProperty("listener.security.protocol.map"))
                .isEqualTo("PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL,CONTROLLER:PLAINTEXT");
    }

    @Test
    void theSaslListenerTakesScramAndPlainForTheOneUser() {
        assertThat(properties.getProperty("sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512,PLAIN");
        assertThat(properties.getProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config")).isEqualTo(
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_reproject=\"user-secret\";");
        assertThat(properties.getProperty("listener.name.ssl.ssl.keystore.location")).isEqualTo("/work/broker.p12");
        assertThat(properties.getProperty("listener.name.ssl.ssl.client.auth")).isEqualTo("none");
    }
}
