package dev.reproject.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings each kind of client gets, written out by hand: what the archiver and the live updater rely on. */
class KafkaClientsTest {

    private static final String SERVERS = "127.0.0.1:9092";
    private static final KafkaClients PLAIN = KafkaClients.of(SERVERS);

    @Test
    void theArchiversConsumerHasNoGroupCommitsNothingAndCreatesNoTopic() {
        assertThat(PLAIN.consumerWithoutGroupConfig("reproject-archiver")).isEqualTo(Map.of(
                "bootstrap.servers", SERVERS,
                "client.id", "reproject-archiver",
                "max.poll.records", 2000,
                "enable.auto.commit", false,
                "isolation.level", "read_committed",
                "auto.offset.reset", "none",
                "allow.auto.create.topics", false));
    }

    @Test
    void theLiveConsumerCommitsToItsGroupByHand_andHandsOverOnlyWhatMustMove() {
        assertThat(PLAIN.liveConsumerConfig("reproject-live-t", Optional.empty())).isEqualTo(Map.of(
                "bootstrap.servers", SERVERS,
                "group.id", "reproject-live-t",
                "client.id", "reproject-live-t-live",
                "enable.auto.commit", false,
                "auto.offset.reset", "none",
                "isolation.level", "read_committed",
                "max.poll.records", 2000,
                "partition.assignment.strategy", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
                "session.timeout.ms", 10_000));
    }

    @Test
    void aLiveConsumerWithAnInstanceId_isAStaticMember() {
        assertThat(PLAIN.liveConsumerConfig("reproject-live-t", Optional.of("live-a")))
                .containsEntry("group.instance.id", "live-a").containsEntry("group.id", "reproject-live-t");
    }

    @Test
    void thePublishersProducerIsIdempotentAndBatches() {
        assertThat(PLAIN.idempotentProducerConfig("reproject-archive-publisher")).isEqualTo(Map.of(
                "bootstrap.servers", SERVERS,
                "client.id", "reproject-archive-publisher",
                "linger.ms", 10,
                "batch.size", 262_144,
                "acks", "all",
                "enable.idempotence", true,
                "max.in.flight.requests.per.connection", 5));
    }

    @Test
    void theDeadLetterProducerIsIdempotentLingersBrieflyAndSendsWhatItsTopicsAccept() {
        assertThat(PLAIN.deadLetterProducerConfig("reproject-live-t", 65_536)).isEqualTo(Map.of(
                "bootstrap.servers", SERVERS,
                "client.id", "reproject-live-t-dlq",
                "linger.ms", 5,
                "max.request.size", 65_536,
                "acks", "all",
                "enable.idempotence", true,
                "max.in.flight.requests.per.connection", 5));
    }

    @Test
    void theBaseFillsInTuningButNeverOverridesAGuarantee() {
        KafkaClients secured = new KafkaClients(Map.of("bootstrap.servers", SERVERS,
                "security.protocol", "SASL_SSL", "client.id", "mine", "group.id", "theirs",
                "enable.auto.commit", true, "acks", "1", "max.in.flight.requests.per.connection", "9"));

        assertThat(secured.consumerWithoutGroupConfig("reproject-archiver"))
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("client.id", "mine")
                .containsEntry("enable.auto.commit", false).doesNotContainKey("group.id");
        assertThat(secured.liveConsumerConfig("reproject-live-t", Optional.empty()))
                .containsEntry("group.id", "reproject-live-t").containsEntry("enable.auto.commit", false);
        assertThat(secured.deadLetterProducerConfig("reproject-live-t", 1_048_588))
                .containsEntry("acks", "all").containsEntry("max.in.flight.requests.per.connection", 5);
    }

    @Test
    void bootstrapServersAreRequired() {
        assertThatThrownBy(() -> KafkaClients.of(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap servers");
        assertThatThrownBy(() -> KafkaClients.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsTheServersAlone() {
        KafkaClients secured = new KafkaClients(Map.of("bootstrap.servers", SERVERS,
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"s3cret\";"));

        assertThat(secured).hasToString("KafkaClients[" + SERVERS + "]");
    }

    @Test
    void aConfigurationKafkaRefusesIsAUsageErrorWithKafkasReason() {
        KafkaClients unknownProtocol = new KafkaClients(Map.of("bootstrap.servers", SERVERS, "security.protocol",
                "TLS"));
        assertThatThrownBy(() -> unknownProtocol.consumerWithoutGroup("c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid Kafka client configuration: ")
                .hasMessageContaining("security.protocol");

        KafkaClients missingClass = new KafkaClients(Map.of("bootstrap.servers", SERVERS,
                "sasl.client.callback.handler.class", "no.such.CallbackHandler"));
        assertThatThrownBy(missingClass::admin).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no.such.CallbackHandler");
    }
}
