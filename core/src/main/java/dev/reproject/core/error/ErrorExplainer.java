package dev.reproject.core.error;

import java.util.Optional;

/**
 * Turns a failure of a library an adapter uses into a short message for a person: what is missing or cannot be
 * reached, and how to fix it. The CLI's error handler asks every explainer it finds through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.reproject.core.error.ErrorExplainer}) before it
 * falls back on the exception's own message; the adapters provide them, so the CLI names no library.
 */
public interface ErrorExplainer {

    /**
     * At most two lines, never with credentials; empty when this explainer does not know the failure (or the
     * failure's message is already the short one).
     */
    Optional<String> explain(Throwable failure);
}
