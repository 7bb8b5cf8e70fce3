package dev.reproject.orderhistory.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a consumer's order history, newest first.
 *
 * @param orders        {@code pageSize} orders; fewer on the last page, or on a partial page that the read budget
 *                      cut short ({@code --max-items-read}), which may even be empty while a token follows
 * @param nextPageToken where the next page starts; empty when no further order matches
 */
public record OrderHistoryPage(List<Order> orders, Optional<String> nextPageToken) {

    public OrderHistoryPage {
        orders = List.copyOf(orders);
        Objects.requireNonNull(nextPageToken, "nextPageToken");
    }

    static OrderHistoryPage empty() {
        return new OrderHistoryPage(List.of(), Optional.empty());
    }
}
