package dev.reproject.orderhistory.rest;

import dev.reproject.orderhistory.query.OrderJson;

import java.util.Map;
import java.util.Objects;

/** What a request gets: a status, a JSON body and any extra headers. */
record Response(int status, Map<String, ?> body, Map<String, String> headers) {

    Response {
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    static Response ok(Map<String, ?> body) {
        return new Response(200, body, Map.of());
    }

    static Response error(int status, String code, String message) {
        return new Response(status, OrderJson.error(code, message), Map.of());
    }
}
