package dev.reproject.orderhistory.rest;

import dev.reproject.orderhistory.query.OrderJson;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** What a request gets (written by {@link Replies}): a status, a JSON body and any extra headers. */
record Answer(int status, Map<String, ?> body, Map<String, String> headers) {

    Answer {
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    /** The same answer with one more header. */
    Answer withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new Answer(status, body, more);
    }

    static Answer ok(Map<String, ?> body) {
        return new Answer(200, body, Map.of());
    }

    static Answer error(int status, String code, String message) {
        return new Answer(status, OrderJson.error(code, message), Map.of());
    }
}
