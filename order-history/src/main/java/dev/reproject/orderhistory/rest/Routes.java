package dev.reproject.orderhistory.rest;

import java.util.Locale;
import java.util.Set;

/**
 * The route of a request, the {@code route} tag of its metrics: a template, never the raw path, so that the number
 * of time series stays bounded whatever clients ask for.
 */
final class Routes {

    static final String HISTORY = "/orders";
    static final String ORDER = "/orders/{orderId}";
    static final String METRICS = "/metrics";
    static final String HEALTH = "/health";
    /** Every path that is no endpoint (answered 404). */
    static final String OTHER = "other";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "CONNECT");

    private Routes() {
    }

    /** @param rawPath as received, still percent-encoded */
    static String of(String rawPath) {
        if (rawPath == null) {
            return OTHER;
        }
        if (rawPath.equals(OrdersHandler.ORDERS) || rawPath.equals(OrdersHandler.ORDERS + "/")) {
            return HISTORY;
        }
        if (rawPath.startsWith(OrdersHandler.ORDERS + "/")
                && rawPath.indexOf('/', OrdersHandler.ORDERS.length() + 1) < 0) {
            return ORDER;
        }
        if (rawPath.equals(METRICS)) {
            return METRICS;
        }
        if (rawPath.equals(HEALTH)) {
            return HEALTH;
        }
        return OTHER;
    }

    /** The {@code method} tag: a standard method, else {@code OTHER} (bounded like the route). */
    static String method(String method) {
        String upper = method == null ? "" : method.toUpperCase(Locale.ROOT);
        return METHODS.contains(upper) ? upper : "OTHER";
    }
}
