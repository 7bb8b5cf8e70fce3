package dev.reproject.orderhistory.rest;

import dev.reproject.orderhistory.query.BadQueryException;
import dev.reproject.orderhistory.query.HistoryParameters;
import dev.reproject.orderhistory.query.OrderHistoryQuery;
import dev.reproject.orderhistory.query.OrderJson;
import dev.reproject.orderhistory.query.TableNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The Order History endpoints (CONTRACT.md §4.7): {@code GET /orders?consumerId=…&…} and
 * {@code GET /orders/{orderId}}, as a function of method, path and query string to an {@link Answer}; the HTTP
 * server ({@link HttpEndpoints}) writes it. Every answer names the table it came from in {@value #TABLE_HEADER}.
 *
 * <p>Every request gets a JSON answer: 400 {@code bad-parameter} or {@code bad-page-token} for a client's mistake,
 * 404 {@code not-found} for an unknown order or path, 405 {@code method-not-allowed} for anything but GET, 500
 * {@code table-not-found} when the table is gone. Any other failure is a 500 {@code internal-error} whose body names
 * an incident id found in the server's log, never a stack trace.
 */
final class OrdersHandler {

    static final String ORDERS = "/orders";

    private static final Logger log = LoggerFactory.getLogger(OrdersHandler.class);
    private static final Set<String> HISTORY_PARAMETERS = Set.of("consumerId", "status", "keyword", "since", "until",
            "pageSize", "pageToken");
    static final String API = "the API is GET /orders?consumerId=… and GET /orders/{orderId}";

    /** The header naming the table an answer came from. */
    static final String TABLE_HEADER = "X-Reproject-Table";

    private final Supplier<OrderHistoryQuery> queries;

    /** @param queries the query of the table served now, taken once per request ({@link ServedTable#current}) */
    OrdersHandler(Supplier<OrderHistoryQuery> queries) {
        this.queries = Objects.requireNonNull(queries, "queries");
    }

    /**
     * The answer to a request under {@code /orders}, or to any path that is not an endpoint (404).
     *
     * @param rawPath  as received, still percent-encoded
     * @param rawQuery as received, or null for none
     */
    Answer answer(String method, String rawPath, String rawQuery) {
        OrderHistoryQuery query = queries.get(); // this request's table, whatever moves meanwhile
        return answer(query, method, rawPath, rawQuery).withHeader(TABLE_HEADER, query.table());
    }

    private Answer answer(OrderHistoryQuery query, String method, String rawPath, String rawQuery) {
        try {
            return route(query, method, rawPath, rawQuery);
        } catch (BadQueryException e) {
            return Answer.error(400, e.code(), e.getMessage());
        } catch (TableNotFoundException e) {
            log.error("{} {}: {}", method, rawPath, e.getMessage());
            return Answer.error(500, "table-not-found", e.getMessage());
        } catch (RuntimeException e) {
            String incident = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
            log.error("Incident {}: {} {} failed", incident, method, rawPath, e);
            return Answer.error(500, "internal-error", "the server could not answer (incident " + incident
                    + " in its log)");
        }
    }

    private Answer route(OrderHistoryQuery query, String method, String rawPath, String rawQuery) {
        boolean history = rawPath.equals(ORDERS) || rawPath.equals(ORDERS + "/");
        boolean order = !history && rawPath.startsWith(ORDERS + "/") && rawPath.indexOf('/', ORDERS.length() + 1) < 0;
        if (!history && !order) {
            return Answer.error(404, "not-found", "no resource " + rawPath + ": " + API);
        }
        if (!method.equals("GET")) {
            return new Answer(405, OrderJson.error("method-not-allowed",
                    method + " is not allowed on " + rawPath + ": only GET"), Map.of("Allow", "GET"));
        }
        Map<String, List<String>> parameters = QueryString.parse(rawQuery);
        return history ? history(query, parameters) : order(query, QueryString.decodePathSegment(
                rawPath.substring(ORDERS.length() + 1)), parameters);
    }

    private static Answer history(OrderHistoryQuery query, Map<String, List<String>> parameters) {
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
                single(parameters, "pageToken"), query.pageTokenKey());
        return Answer.ok(OrderJson.toMap(query.findOrderHistory(request.consumerId(), request.filter())));
    }

    private static Answer order(OrderHistoryQuery query, String orderId, Map<String, List<String>> parameters) {
        if (!parameters.isEmpty()) {
            throw BadQueryException.parameter("GET /orders/{orderId} takes no parameters, got '"
                    + parameters.keySet().iterator().next() + "'");
        }
        return query.findOrder(orderId)
                .map(o -> Answer.ok(OrderJson.toMap(o)))
                .orElseGet(() -> Answer.error(404, "not-found", "no order '" + orderId + "' in table "
                        + query.table()));
    }

    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null ? null : values.get(0);
    }
}
