package dev.reproject.orderhistory.query;

import java.util.Objects;

/**
 * A client's mistake in a query: a bad parameter or page token. An {@link IllegalArgumentException}, so that
 * {@code reproject query} exits 2 (usage error); the REST endpoints answer 400 with {@link #code()} as the error.
 */
public final class BadQueryException extends IllegalArgumentException {

    /** A parameter that is missing, malformed or out of range. */
    public static final String BAD_PARAMETER = "bad-parameter";
    /** A page token that is garbled, altered, or was issued for another consumer or filter. */
    public static final String BAD_PAGE_TOKEN = "bad-page-token";

    private final String code;

    private BadQueryException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public static BadQueryException parameter(String message) {
        return new BadQueryException(BAD_PARAMETER, message);
    }

    public static BadQueryException pageToken(String message) {
        return new BadQueryException(BAD_PAGE_TOKEN, message);
    }

    /** {@value #BAD_PARAMETER} or {@value #BAD_PAGE_TOKEN}: the {@code error} of the JSON error body. */
    public String code() {
        return code;
    }
}
