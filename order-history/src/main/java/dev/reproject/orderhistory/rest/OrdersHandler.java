package dev.reproject.orderhistory.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.reproject.orderhistory.query.BadQueryException;
import dev.reproject.orderhistory.query.HistoryParameters;
import dev.reproject.orderhistory.query.OrderHistoryQuery;
import dev.reproject.orderhistory.query.OrderJson;
import dev.reproject.orderhistory.query.TableNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The REST endpoints (CONTRACT.md §4): {@code GET /orders?consumerId=…&…} and {@code GET /orders/{orderId}}.
 *
 * <p>Every request that reaches it gets a JSON answer: 400 {@code bad-parameter} or {@code bad-page-token} for a
 * client's mistake, 404 {@code not-found} for an unknown order or path, 405 {@code method-not-allowed} for anything
 * but GET, 500 {@code table-not-found} when the table is gone. Any other failure is a 500 {@code internal-error}
 * whose body names an incident id found in the server's log, never a stack trace. (A request line that is not a
 * URI at all, such as {@code /orders?x=%zz}, is answered 400 by the JDK's server before it gets here.)
 */
final class OrdersHandler implements HttpHandler {

    static final String ORDERS = "/orders";

    private static final Logger log = LoggerFactory.getLogger(OrdersHandler.class);
    private static final Set<String> HISTORY_PARAMETERS = Set.of("consumerId", "status", "keyword", "since", "until",
            "pageSize", "pageToken");
    private static final String API = "the API is GET /orders?consumerId=… and GET /orders/{orderId}";

    private final OrderHistoryQuery query;
    private final AtomicInteger inFlight = new AtomicInteger();

    OrdersHandler(OrderHistoryQuery query) {
        this.query = Objects.requireNonNull(query, "query");
    }

    @Override
    public void handle(HttpExchange exchange) {
        inFlight.incrementAndGet();
        try {
            send(exchange, answer(exchange));
        } catch (IOException | RuntimeException e) {
            log.debug("Could not answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                    e.toString());
        } finally {
            exchange.close();
            inFlight.decrementAndGet();
        }
    }

    /** Requests being answered now. */
    int inFlight() {
        return inFlight.get();
    }

    private Response answer(HttpExchange exchange) {
        try {
            return route(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery());
        } catch (BadQueryException e) {
            return Response.error(400, e.code(), e.getMessage());
        } catch (TableNotFoundException e) {
            log.error("{} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.getMessage());
            return Response.error(500, "table-not-found", e.getMessage());
        } catch (RuntimeException e) {
            String incident = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
            log.error("Incident {}: {} {} failed", incident, exchange.getRequestMethod(), exchange.getRequestURI(), e);
            return Response.error(500, "internal-error", "the server could not answer (incident " + incident
                    + " in its log)");
        }
    }

    private Response route(String method, String rawPath, String rawQuery) {
        boolean history = rawPath.equals(ORDERS) || rawPath.equals(ORDERS + "/");
        boolean order = !history && rawPath.startsWith(ORDERS + "/") && rawPath.indexOf('/', ORDERS.length() + 1) < 0;
        if (!history && !order) {
            return Response.error(404, "not-found", "no resource " + rawPath + ": " + API);
        }
        if (!method.equals("GET")) {
            return new Response(405, OrderJson.error("method-not-allowed",
                    method + " is not allowed on " + rawPath + ": only GET"), Map.of("Allow", "GET"));
        }
        Map<String, List<String>> parameters = QueryString.parse(rawQuery);
        return history ? history(parameters) : order(QueryString.decodePathSegment(
                rawPath.substring(ORDERS.length() + 1)), parameters);
    }

    private Response history(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (!HISTORY_PARAMETERS.contains(name)) {
                throw BadQueryException.parameter("unknown parameter '" + name + "': GET /orders takes "
                        + "consumerId, status, keyword (repeatable), since, until, pageSize and pageToken");
            }
            if (!name.equals("keyword") && parameter.getValue().size() > 1) {
                throw BadQueryException.parameter(name + " is given " + parameter.getValue().size()
                        + " times; only keyword may repeat");
            }
        }
        HistoryParameters.Request request = HistoryParameters.parse(HistoryParameters.REST, single(parameters,
                "consumerId"), single(parameters, "status"), parameters.getOrDefault("keyword", List.of()),
                single(parameters, "since"), single(parameters, "until"), single(parameters, "pageSize"),
                single(parameters, "pageToken"));
        return Response.ok(OrderJson.toMap(query.findOrderHistory(request.consumerId(), request.filter())));
    }

    private Response order(String orderId, Map<String, List<String>> parameters) {
        if (!parameters.isEmpty()) {
            throw BadQueryException.parameter("GET /orders/{orderId} takes no parameters, got '"
                    + parameters.keySet().iterator().next() + "'");
        }
        return query.findOrder(orderId)
                .map(o -> Response.ok(OrderJson.toMap(o)))
                .orElseGet(() -> Response.error(404, "not-found", "no order '" + orderId + "' in table "
                        + query.table()));
    }

    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null ? null : values.get(0);
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] body = (OrderJson.write(response.body()) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
