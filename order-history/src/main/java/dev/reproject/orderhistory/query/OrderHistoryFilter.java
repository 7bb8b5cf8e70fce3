package dev.reproject.orderhistory.query;

import dev.reproject.orderhistory.view.Keywords;
import dev.reproject.orderhistory.view.OrderStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What {@code findOrderHistory} returns of a consumer's orders (CONTRACT.md §4), and which page.
 *
 * <p><b>Keywords</b> are normalised as the view stored them ({@link Keywords}: lower-cased with
 * {@code Locale.ROOT}, split into runs of letters or digits), so matching is case-insensitive. An order matches
 * when it matches <em>any</em> keyword. A keyword of several words ({@code "chicken vindaloo"}) matches an order
 * that holds <em>all</em> of them: the view keeps single words, so this is the closest it can come to a phrase.
 * The accessor returns the normalised keywords: each one's words, sorted and joined by one space.
 *
 * @param since     earliest creation time, inclusive
 * @param until     creation times before this one only (exclusive)
 * @param status    only orders in this status
 * @param keywords  only orders matching one of these, normalised; empty: no keyword filter
 * @param pageSize  orders per page, 1 to {@value #MAX_PAGE_SIZE} (default {@value #DEFAULT_PAGE_SIZE})
 * @param pageToken the {@code nextPageToken} of the previous page, issued for the same consumer and filter
 */
public record OrderHistoryFilter(Optional<Instant> since,
                                 Optional<Instant> until,
                                 Optional<OrderStatus> status,
                                 SortedSet<String> keywords,
                                 int pageSize,
                                 Optional<String> pageToken) {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    public static final int MAX_KEYWORDS = 20;
    /** Words of all keywords together: each is a {@code contains} in the filter expression. */
    public static final int MAX_KEYWORD_WORDS = 50;
    /** The instants {@code since} and {@code until} may name: years of four digits. */
    static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /**
     * @throws BadQueryException for a page size out of range, {@code until} not after {@code since}, an instant
     *                           outside years 0000 to 9999, a keyword without a letter or digit, or too many keywords
     */
    public OrderHistoryFilter {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(pageToken, "pageToken");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw BadQueryException.parameter("pageSize must be from 1 to " + MAX_PAGE_SIZE + ", was " + pageSize);
        }
        since.ifPresent(t -> requireMillis("since", t));
        until.ifPresent(t -> requireMillis("until", t));
        if (since.isPresent() && until.isPresent() && !until.get().isAfter(since.get())) {
            throw BadQueryException.parameter("until (" + until.get() + ") must be later than since (" + since.get()
                    + "): since is inclusive, until exclusive");
        }
        keywords = normalise(Objects.requireNonNull(keywords, "keywords"));
    }

    /** Every order of the consumer, first page, {@value #DEFAULT_PAGE_SIZE} a page. */
    public static OrderHistoryFilter all() {
        return new OrderHistoryFilter(Optional.empty(), Optional.empty(), Optional.empty(), new TreeSet<>(),
                DEFAULT_PAGE_SIZE, Optional.empty());
    }

    public OrderHistoryFilter withSince(Instant newSince) {
        return new OrderHistoryFilter(Optional.of(newSince), until, status, keywords, pageSize, pageToken);
    }

    public OrderHistoryFilter withUntil(Instant newUntil) {
        return new OrderHistoryFilter(since, Optional.of(newUntil), status, keywords, pageSize, pageToken);
    }

    public OrderHistoryFilter withStatus(OrderStatus newStatus) {
        return new OrderHistoryFilter(since, until, Optional.of(newStatus), keywords, pageSize, pageToken);
    }

    /** The keywords replaced by these, as given (they are normalised). */
    public OrderHistoryFilter withKeywords(Collection<String> newKeywords) {
        return new OrderHistoryFilter(since, until, status, new TreeSet<>(newKeywords), pageSize, pageToken);
    }

    public OrderHistoryFilter withKeywords(String... newKeywords) {
        return withKeywords(List.of(newKeywords));
    }

    public OrderHistoryFilter withPageSize(int newPageSize) {
        return new OrderHistoryFilter(since, until, status, keywords, newPageSize, pageToken);
    }

    /** The same filter for the page {@code token} starts; empty: the first page. */
    public OrderHistoryFilter withPageToken(Optional<String> token) {
        return new OrderHistoryFilter(since, until, status, keywords, pageSize, token);
    }

    /** The first creation date (epoch ms) admitted: {@code since} rounded up to a whole millisecond. */
    OptionalLong firstMillis() {
        return since.map(t -> OptionalLong.of(ceilMillis(t))).orElse(OptionalLong.empty());
    }

    /** The last creation date (epoch ms) admitted: the last whole millisecond before {@code until}. */
    OptionalLong lastMillis() {
        return until.map(t -> OptionalLong.of(ceilMillis(t) - 1)).orElse(OptionalLong.empty());
    }

    /** Whether the time range holds no whole millisecond (since and until within the same one). */
    boolean admitsNoCreationDate() {
        return firstMillis().isPresent() && lastMillis().isPresent()
                && firstMillis().getAsLong() > lastMillis().getAsLong();
    }

    boolean admitsCreationDate(long creationDate) {
        return (firstMillis().isEmpty() || creationDate >= firstMillis().getAsLong())
                && (lastMillis().isEmpty() || creationDate <= lastMillis().getAsLong());
    }

    /** Whether anything besides the creation time filters: then DynamoDB evaluates items it does not return. */
    boolean hasFilterExpression() {
        return status.isPresent() || !keywords.isEmpty();
    }

    /**
     * What a page token is bound to: the effective time range, status and normalised keywords — not the page size
     * (a client may change it between pages) nor the token itself. Equal for filters that select the same orders.
     */
    String canonical() {
        return "since=" + (firstMillis().isPresent() ? Long.toString(firstMillis().getAsLong()) : "")
                + "\nuntil=" + (lastMillis().isPresent() ? Long.toString(lastMillis().getAsLong()) : "")
                + "\nstatus=" + status.map(Enum::name).orElse("")
                + "\nkeywords=" + String.join("\u0000", keywords);
    }

    @SuppressWarnings("JavaInstantGetSecondsGetNano") // the nano-of-second is what decides rounding up
    private static long ceilMillis(Instant t) {
        long floor = t.toEpochMilli(); // floor: the nano part is never negative
        return t.getNano() % 1_000_000 == 0 ? floor : floor + 1;
    }

    private static void requireMillis(String name, Instant t) {
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw BadQueryException.parameter(name + " " + t + " is out of range: from " + EARLIEST + " to " + LATEST);
        }
    }

    private static SortedSet<String> normalise(Collection<String> given) {
        SortedSet<String> normalised = new TreeSet<>();
        int words = 0;
        for (String keyword : given) {
            Objects.requireNonNull(keyword, "keyword");
            SortedSet<String> split = Keywords.of(List.of(keyword));
            if (split.isEmpty()) {
                throw BadQueryException.parameter("keyword '" + keyword + "' has no letter or digit: orders are "
                        + "searched by words");
            }
            if (normalised.add(String.join(" ", split))) {
                words += split.size();
            }
        }
        if (normalised.size() > MAX_KEYWORDS) {
            throw BadQueryException.parameter("at most " + MAX_KEYWORDS + " keywords, got " + normalised.size());
        }
        if (words > MAX_KEYWORD_WORDS) {
            throw BadQueryException.parameter("keywords hold " + words + " words; at most " + MAX_KEYWORD_WORDS);
        }
        return Collections.unmodifiableSortedSet(normalised);
    }
}
