package dev.reproject.core.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reproject.core.event.DomainEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

/**
 * A read view, found by name through {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.reproject.core.view.ViewDefinition}). A view only computes updates: it
 * never writes to DynamoDB itself. Implementations need not be serializable: jobs look them up by name on
 * every executor through {@link Views#byName(String)}; they must be stateless.
 */
public interface ViewDefinition {

    /** The name users select it by, e.g. {@code order-history}. */
    String name();

    /** Bump whenever the updates it computes change: snapshots of another version need a full run. */
    int version();

    TableSchema table();

    /** The topics it reads. */
    Set<String> topics();

    /** The update for one event, or why there is none. Must not throw for any payload. */
    ViewResult update(DomainEvent event);

    /**
     * The same as {@link #update(DomainEvent)}, given the payload already parsed by the decoder, so that a view
     * that reads the payload need not parse it again (the jobs call this one). A view overrides it only to read
     * {@code payload}; the result must be what {@link #update(DomainEvent)} gives.
     *
     * @param payload {@code event.payload()} parsed: a JSON object, floats as {@link java.math.BigDecimal}; null
     *                when it was not parsed. Shared: not to be changed.
     */
    default ViewResult update(DomainEvent event, JsonNode payload) {
        return update(event);
    }

    /** Identifies the definition in snapshot manifests: name, version, table schema and topics. */
    default String fingerprint() {
        String text = name() + "\n" + version() + "\n" + table() + "\n" + new TreeSet<>(topics());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
