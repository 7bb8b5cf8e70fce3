package dev.reproject.sandbox;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    @RepeatedTest(50)
    void clusterIdIsSixteenBytesInUrlSafeBase64AndNeverLooksLikeAnOption() {
        String id = KafkaBroker.clusterId();

        assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]+").doesNotStartWith("-");
        assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
    }

    @Test
    void brokerAndControllerListenOnLoopbackOnly() {
        Properties properties = KafkaBroker.serverProperties(9092, 9093, Path.of("/data"));

        assertThat(properties.getProperty("listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
        assertThat(properties.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092");
        assertThat(properties.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:9093");
        assertThat(properties.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
    }
}
