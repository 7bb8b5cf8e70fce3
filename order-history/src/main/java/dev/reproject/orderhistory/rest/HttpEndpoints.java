package dev.reproject.orderhistory.rest;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Every path of {@code serve}, as a Jetty handler: {@code /orders…} ({@link OrdersHandler}), {@code GET /metrics}
 * and {@code GET /health}, these two outside the {@link ConcurrencyLimit} so that they answer under load. It blocks
 * (DynamoDB's client is synchronous); Jetty runs it on a pool thread, and only after the whole request has arrived,
 * so a slow client never holds one.
 */
final class HttpEndpoints extends Handler.Abstract {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final OrdersHandler orders;
    private final ConcurrencyLimit limit;
    private final ServeMetrics metrics;
    private final TableHealth health;
    private final ServedTable served;

    HttpEndpoints(OrdersHandler orders, ConcurrencyLimit limit, ServeMetrics metrics, TableHealth health,
                  ServedTable served) {
        super(InvocationType.BLOCKING);
        this.orders = Objects.requireNonNull(orders, "orders");
        this.limit = Objects.requireNonNull(limit, "limit");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.health = Objects.requireNonNull(health, "health");
        this.served = Objects.requireNonNull(served, "served");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String rawPath = request.getHttpURI().getPath();
        String route = Routes.of(rawPath);
        if (route.equals(Routes.METRICS) || route.equals(Routes.HEALTH)) {
            if (!method.equals("GET")) {
                Replies.error(response, callback, 405, "method-not-allowed", method + " is not allowed on " + rawPath
                        + ": only GET", Map.of("Allow", "GET"));
            } else if (route.equals(Routes.METRICS)) {
                Replies.write(response, callback, 200, PROMETHEUS_TEXT, metrics.scrape()
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                health(response, callback);
            }
            return true;
        }
        String rawQuery = request.getHttpURI().getQuery();
        limit.answer(request, response, callback, () -> orders.answer(method, rawPath, rawQuery));
        return true;
    }

    private void health(Response response, Callback callback) {
        TableHealth.Status status = health.status();
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", status.up() ? "UP" : "DOWN");
        String table = served.current().table();
        body.put("table", table);
        status.reason().ifPresent(reason -> body.put("reason", reason));
        body.put("follows", served.following() ? "alias" : "--table");
        served.lastFailure().ifPresent(failure -> body.put("aliasError", failure.at() + ": " + failure.message()));
        Replies.json(response, callback, new Answer(status.up() ? 200 : 503, body,
                Map.of(OrdersHandler.TABLE_HEADER, table)));
    }
}
