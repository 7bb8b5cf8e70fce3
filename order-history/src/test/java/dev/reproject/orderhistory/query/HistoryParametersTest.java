package dev.reproject.orderhistory.query;

import dev.reproject.orderhistory.view.OrderStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.reproject.orderhistory.query.HistoryParameters.CLI;
import static dev.reproject.orderhistory.query.HistoryParameters.REST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryParametersTest {

    private static HistoryParameters.Request parse(String status, List<String> keywords, String since, String until,
                                                   String pageSize, String pageToken) {
        return HistoryParameters.parse(REST, "c1", status, keywords, since, until, pageSize, pageToken,
                PageTokenKey.SANDBOX);
    }

    private static OrderHistoryFilter filter(String status, List<String> keywords, String since, String until,
                                             String pageSize) {
        return parse(status, keywords, since, until, pageSize, null).filter();
    }

    @Test
    void nothingButTheConsumer_isTheWholeHistory_20APage() {
        HistoryParameters.Request request = parse(null, List.of(), null, null, null, null);

        assertThat(request.consumerId()).isEqualTo("c1");
        assertThat(request.filter()).isEqualTo(OrderHistoryFilter.all());
        assertThat(request.filter().pageSize()).isEqualTo(20);
    }

    @Test
    void everything_parsed() {
        OrderHistoryFilter filter = parse("approved", List.of("Pizza", "CHICKEN vindaloo"), "2026-11-30T09:15:02Z",
                "2026-12-01T10:00:00+01:00", "7", null).filter();

        assertThat(filter.status()).contains(OrderStatus.APPROVED);
        assertThat(filter.keywords()).containsExactly("chicken vindaloo", "pizza");
        assertThat(filter.since()).contains(Instant.parse("2026-11-30T09:15:02Z"));
        assertThat(filter.until()).contains(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(filter.pageSize()).isEqualTo(7);
        assertThat(filter.pageToken()).isEmpty();
    }

    @Nested
    class PageSize {

        @ParameterizedTest
        @ValueSource(strings = {"1", "7", "100", " 42 "})
        void fromOneToAHundred(String value) {
            assertThat(filter(null, List.of(), null, null, value).pageSize())
                    .isEqualTo(Integer.parseInt(value.strip()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "101", "-1", "abc", "7.5", "1e2", "99999999999", "", " "})
        void otherwise_aBadParameter_namingTheValue(String value) {
            assertThatThrownBy(() -> filter(null, List.of(), null, null, value))
                    .isInstanceOfSatisfying(BadQueryException.class,
                            e -> assertThat(e.code()).isEqualTo("bad-parameter"))
                    .hasMessageContaining("pageSize");
        }

        @Test
        void theCliSpellsIt_pageSizeOption() {
            assertThatThrownBy(() -> HistoryParameters.parse(CLI, "c1", null, List.of(), null, null, "abc", null,
                    PageTokenKey.SANDBOX))
                    .hasMessage("--page-size must be a whole number from 1 to 100, was 'abc'");
        }
    }

    @Nested
    class Status {

        @Test
        void anyCase() {
            for (OrderStatus status : OrderStatus.values()) {
                assertThat(filter(status.name().toLowerCase(Locale.ROOT), List.of(), null, null, null).status())
                        .contains(status);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"SHIPPED", "approve", "", "APPROVED,REJECTED"})
        void unknown_listsTheStatuses(String value) {
            assertThatThrownBy(() -> filter(value, List.of(), null, null, null))
                    .isInstanceOf(BadQueryException.class).hasMessageContaining("status");
        }

        @Test
        void theMessageListsTheStatuses() {
            assertThatThrownBy(() -> filter("SHIPPED", List.of(), null, null, null)).hasMessage(
                    "status 'SHIPPED' is not an order status: one of APPROVAL_PENDING, APPROVED, REJECTED, CANCELLED");
        }
    }

    @Nested
    class Instants {

        @ParameterizedTest
        @ValueSource(
                strings = {"yesterday", "2026-11-30", "2026-11-30T09:15:02", "1700000000000", "2026-13-01T00:00:00Z",
                        "+300000000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z"})
        void notAnInstantOfYears0000To9999_isABadParameter(String value) {
            assertThatThrownBy(() -> filter(null, List.of(), value, null, null))
                    .isInstanceOf(BadQueryException.class).hasMessageContaining("since").hasMessageContaining(value);
            assertThatThrownBy(() -> filter(null, List.of(), null, value, null))
                    .isInstanceOf(BadQueryException.class).hasMessageContaining("until");
        }

        @Test
        void untilMustBeAfterSince() {
            assertThatThrownBy(() -> filter(null, List.of(), "2026-11-30T10:00:00Z", "2026-11-30T10:00:00Z", null))
                    .isInstanceOf(BadQueryException.class).hasMessageContaining("must be later than");
            assertThatThrownBy(() -> filter(null, List.of(), "2026-11-30T10:00:00Z", "2026-11-30T09:00:00Z", null))
                    .isInstanceOf(BadQueryException.class);
        }

        @Test
        void sinceIsInclusive_untilExclusive_inWholeMilliseconds() {
            OrderHistoryFilter filter = filter(null, List.of(), "2026-11-30T10:00:00.0005Z", "2026-11-30T10:00:01Z",
                    null);
            long second = Instant.parse("2026-11-30T10:00:00Z").toEpochMilli();

            assertThat(filter.admitsCreationDate(second)).isFalse(); // before since
            assertThat(filter.admitsCreationDate(second + 1)).isTrue();
            assertThat(filter.admitsCreationDate(second + 999)).isTrue();
            assertThat(filter.admitsCreationDate(second + 1000)).isFalse(); // until is exclusive
        }
    }

    @Nested
    class Keywords {

        @Test
        void normalisedAsTheViewStoresThem_duplicatesMerged() {
            assertThat(filter(null, List.of("PIZZA", "pizza", " Pizza! ", "Crème", "Vindaloo Chicken",
                    "chicken  VINDALOO"), null, null, null).keywords())
                    .containsExactly("chicken vindaloo", "crème", "pizza");
        }

        @ParameterizedTest
        @ValueSource(strings = {"!!!", " ", "-", "&"})
        void withoutALetterOrDigit_isABadParameter(String keyword) {
            assertThatThrownBy(() -> filter(null, List.of(keyword), null, null, null))
                    .isInstanceOf(BadQueryException.class).hasMessageContaining("no letter or digit");
        }

        @Test
        void empty_isABadParameter() {
            assertThatThrownBy(() -> filter(null, List.of(""), null, null, null))
                    .isInstanceOf(BadQueryException.class).hasMessageContaining("keyword is empty");
        }

        @Test
        void atMost20_andAtMost50WordsInAll() {
            List<String> twenty = IntStream.range(0, 20).mapToObj(i -> "w" + i).toList();
            List<String> twentyOne = IntStream.range(0, 21).mapToObj(i -> "w" + i).toList();
            String fiftyOneWords = IntStream.range(0, 51).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));

            assertThat(filter(null, twenty, null, null, null).keywords()).hasSize(20);
            assertThatThrownBy(() -> filter(null, twentyOne, null, null, null))
                    .isInstanceOf(BadQueryException.class).hasMessageContaining("at most 20 keywords");
            assertThatThrownBy(() -> filter(null, List.of(fiftyOneWords), null, null, null))
                    .isInstanceOf(BadQueryException.class).hasMessageContaining("at most 50");
        }
    }

    @Test
    void theConsumer_isRequired_andNotEmpty() {
        assertThatThrownBy(() -> HistoryParameters.parse(REST, null, null, List.of(), null, null, null, null,
                PageTokenKey.SANDBOX))
                .isInstanceOf(BadQueryException.class).hasMessage("consumerId is required: whose order history?");
        assertThatThrownBy(
                () -> HistoryParameters.parse(CLI, "", null, List.of(), null, null, null, null, PageTokenKey.SANDBOX))
                .isInstanceOf(BadQueryException.class).hasMessageContaining("--consumer is empty");
    }

    @Test
    void aGarbledPageToken_isFoundWhileParsing() {
        assertThatThrownBy(() -> parse(null, List.of(), null, null, null, "garbage"))
                .isInstanceOfSatisfying(BadQueryException.class, e -> assertThat(e.code()).isEqualTo("bad-page-token"));
    }

    @Test
    void anEmptyPageToken_isABadParameter_notTheFirstPage() {
        assertThatThrownBy(() -> parse(null, List.of(), null, null, null, ""))
                .isInstanceOf(BadQueryException.class).hasMessageContaining("pageToken is empty");
        assertThat(parse(null, List.of(), null, null, null, null).filter().pageToken()).isEqualTo(Optional.empty());
    }
}
