package dev.reproject.kafka;

import dev.reproject.core.error.ErrorExplainer;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Explains a Kafka client that the brokers did not let in: a TLS handshake that failed, or SASL credentials the
 * brokers refused. Kafka fails such a call at once (an authentication failure is not retried), so a run stops here
 * instead of waiting out a timeout; this says in one line which of the client settings to check. Found through
 * {@link java.util.ServiceLoader} by the CLI's error handler. Kafka's messages name the mechanism and the reason,
 * never the password.
 */
public final class KafkaErrorExplainer implements ErrorExplainer {

    private static final int LONGEST_CHAIN = 20;
    private static final String SETTINGS = "--kafka-config or --kafka-property";

    @Override
    public Optional<String> explain(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof SslAuthenticationException) {
                return Optional.of("Kafka authentication failed: the TLS handshake with the broker failed ("
                        + innermostMessage(chain) + "). Check ssl.truststore.location and ssl.truststore.password "
                        + "(the brokers' certificate must be trusted, and name the host you connect to), "
                        + "ssl.keystore.* when the brokers ask for a client certificate, and security.protocol, in "
                        + SETTINGS + ".");
            }
        }
        for (Throwable t : chain) {
            if (t instanceof AuthenticationException) {
                return Optional.of("Kafka authentication failed (" + t.getClass().getSimpleName() + "): "
                        + oneLine(t.getMessage()) + ". Check sasl.mechanism and the user name and password in "
                        + "sasl.jaas.config, in " + SETTINGS + ", and that the user exists on the cluster.");
            }
        }
        return Optional.empty();
    }

    /** The failure and its causes, outermost first; a cause seen before ends it. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t) && chain.size() < LONGEST_CHAIN; t = t
                .getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** The deepest cause says it shortest ("unable to find valid certification path to requested target"). */
    private static String innermostMessage(List<Throwable> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            String message = chain.get(i).getMessage();
            if (message != null && !message.isBlank()) {
                return oneLine(message);
            }
        }
        return chain.get(chain.size() - 1).getClass().getSimpleName();
    }

    private static String oneLine(String message) {
        String text = message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
