package dev.reproject.kafka;

import dev.reproject.core.error.ErrorExplainer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-line messages of a refused Kafka client, with the failures' texts as Kafka 4.2 writes them. */
class KafkaErrorExplainerTest {

    private final KafkaErrorExplainer explainer = new KafkaErrorExplainer();

    @Test
    void aRefusedSaslLoginNamesKafkaAuthenticationTheBrokersReasonAndWhatToCheck() {
        Exception failure = new IllegalStateException("wrapped", new SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials with SASL mechanism "
                        + "SCRAM-SHA-512"));

        assertThat(explainer.explain(failure)).hasValue("Kafka authentication failed (SaslAuthenticationException): "
                + "Authentication failed during authentication due to invalid credentials with SASL mechanism "
                + "SCRAM-SHA-512. Check sasl.mechanism and the user name and password in sasl.jaas.config, in "
                + "--kafka-config or --kafka-property, and that the user exists on the cluster.");
    }

    @Test
    void aFailedTlsHandshakeSaysSoWithTheInnermostReasonAndNamesTheTrustSettings() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed: "
                + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification "
                + "path to requested target");
        handshake.initCause(new Exception("unable to find valid certification path to requested target"));
        Exception failure = new SslAuthenticationException("SSL handshake failed", handshake);

        String message = explainer.explain(failure).orElseThrow();

        assertThat(message).isEqualTo("Kafka authentication failed: the TLS handshake with the broker failed "
                + "(unable to find valid certification path to requested target). Check ssl.truststore.location and "
                + "ssl.truststore.password (the brokers' certificate must be trusted, and name the host you connect "
                + "to), ssl.keystore.* when the brokers ask for a client certificate, and security.protocol, in "
                + "--kafka-config or --kafka-property.");
        assertThat(message.lines()).hasSize(1);
    }

    @Test
    void otherFailuresAreLeftToOthers() {
        assertThat(explainer.explain(new TimeoutException("Timeout expired while fetching topic metadata")))
                .isEmpty();
        assertThat(explainer.explain(new KafkaException("Failed to construct kafka consumer"))).isEmpty();
        assertThat(explainer.explain(new IllegalStateException("no records came"))).isEmpty();
    }

    @Test
    void theCliFindsIt() {
        assertThat(ServiceLoader.load(ErrorExplainer.class).stream().map(ServiceLoader.Provider::type))
                .contains(KafkaErrorExplainer.class);
    }
}
