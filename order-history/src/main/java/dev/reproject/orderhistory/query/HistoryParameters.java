package dev.reproject.orderhistory.query;

import dev.reproject.orderhistory.view.OrderStatus;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A history query from text, as the REST endpoint and {@code reproject query orders} receive it: the same checks
 * and messages for both, each naming the parameter as that caller spells it ({@link #REST}, {@link #CLI}).
 * Every mistake, a bad page token included, is a {@link BadQueryException}.
 */
public final class HistoryParameters {

    /** How a caller spells each parameter, for messages. */
    public record Names(String consumerId, String status, String keyword, String since, String until, String pageSize,
                        String pageToken) {
    }

    public static final Names REST = new Names("consumerId", "status", "keyword", "since", "until", "pageSize",
            "pageToken");
    public static final Names CLI = new Names("--consumer", "--status", "--keyword", "--since", "--until",
            "--page-size", "--page-token");

    /** A checked history query. */
    public record Request(String consumerId, OrderHistoryFilter filter) {

        public Request {
            Objects.requireNonNull(consumerId, "consumerId");
            Objects.requireNonNull(filter, "filter");
        }
    }

    private static final String STATUSES = Arrays.stream(OrderStatus.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    private HistoryParameters() {
    }

    /**
     * Arguments are as received, {@code null} when absent; an empty value is a mistake (leave the parameter out
     * instead). {@code status} is case-insensitive; instants are ISO-8601 ({@code 2026-11-30T09:15:02Z}, or with an
     * offset). {@code key} is the page tokens' key, the same as the query's.
     */
    public static Request parse(Names names, String consumerId, String status, List<String> keywords, String since,
                                String until, String pageSize, String pageToken, PageTokenKey key) {
        if (consumerId == null) {
            throw BadQueryException.parameter(names.consumerId() + " is required: whose order history?");
        }
        requireNotEmpty(names.consumerId(), consumerId);
        Optional<Instant> from = instant(names.since(), since);
        Optional<Instant> to = instant(names.until(), until);
        if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
            throw BadQueryException.parameter(names.until() + " (" + until + ") must be later than " + names.since()
                    + " (" + since + "): " + names.since() + " is inclusive, " + names.until() + " exclusive");
        }
        for (String keyword : keywords) {
            requireNotEmpty(names.keyword(), keyword);
        }
        if (pageToken != null) {
            requireNotEmpty(names.pageToken(), pageToken);
        }
        OrderHistoryFilter filter = new OrderHistoryFilter(from, to, status(names.status(), status),
                new TreeSet<>(keywords), pageSize(names.pageSize(), pageSize), Optional.ofNullable(pageToken));
        // the token too, so that every mistake is found before anything is read
        PageTokens tokens = new PageTokens(key);
        filter.pageToken().ifPresent(token -> tokens.decode(token, consumerId, filter));
        return new Request(consumerId, filter);
    }

    private static Optional<OrderStatus> status(String name, String value) {
        if (value == null) {
            return Optional.empty();
        }
        requireNotEmpty(name, value);
        try {
            return Optional.of(OrderStatus.valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw BadQueryException.parameter(name + " '" + value + "' is not an order status: one of " + STATUSES);
        }
    }

    private static int pageSize(String name, String value) {
        if (value == null) {
            return OrderHistoryFilter.DEFAULT_PAGE_SIZE;
        }
        String problem = name + " must be a whole number from 1 to " + OrderHistoryFilter.MAX_PAGE_SIZE + ", was '"
                + value + "'";
        int size;
        try {
            size = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw BadQueryException.parameter(problem);
        }
        if (size < 1 || size > OrderHistoryFilter.MAX_PAGE_SIZE) {
            throw BadQueryException.parameter(problem);
        }
        return size;
    }

    private static Optional<Instant> instant(String name, String value) {
        if (value == null) {
            return Optional.empty();
        }
        requireNotEmpty(name, value);
        Instant instant;
        try {
            instant = Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw BadQueryException.parameter(name + " must be an ISO-8601 instant such as 2026-11-30T09:15:02Z or "
                    + "2026-11-30T10:15:02+01:00, was '" + value + "'");
        }
        if (instant.isBefore(OrderHistoryFilter.EARLIEST) || instant.isAfter(OrderHistoryFilter.LATEST)) {
            throw BadQueryException.parameter(name + " '" + value + "' is out of range: years 0000 to 9999");
        }
        return Optional.of(instant);
    }

    private static void requireNotEmpty(String name, String value) {
        if (value.isEmpty()) {
            throw BadQueryException.parameter(name + " is empty: give a value or leave it out");
        }
    }
}
