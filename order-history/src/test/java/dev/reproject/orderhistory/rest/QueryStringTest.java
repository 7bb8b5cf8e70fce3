package dev.reproject.orderhistory.rest;

import dev.reproject.orderhistory.query.BadQueryException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryStringTest {

    @Test
    void namesToValues_inOrder_repeatsKept() {
        assertThat(QueryString.parse("consumerId=1&keyword=pizza&keyword=chicken+vindaloo&keyword=cr%C3%A8me"))
                .isEqualTo(
                        Map.of("consumerId", List.of("1"), "keyword", List.of("pizza", "chicken vindaloo", "crème")));
    }

    @Test
    void anEncodedPlus_isAPlus_aBareOneASpace() {
        assertThat(QueryString.parse("since=2026-11-30T10:00:00%2B01:00&until=2026-11-30T10:00:00+01:00"))
                .containsEntry("since", List.of("2026-11-30T10:00:00+01:00"))
                .containsEntry("until", List.of("2026-11-30T10:00:00 01:00"));
    }

    @Test
    void emptyPairsAndValues() {
        assertThat(QueryString.parse(null)).isEmpty();
        assertThat(QueryString.parse("")).isEmpty();
        assertThat(QueryString.parse("a&&b=&c=1"))
                .isEqualTo(Map.of("a", List.of(""), "b", List.of(""), "c", List.of("1")));
    }

    @Test
    void malformedPercentEncoding_isABadParameter() {
        assertThatThrownBy(() -> QueryString.parse("consumerId=%zz")).isInstanceOf(BadQueryException.class)
                .hasMessageContaining("URL encoding");
        assertThatThrownBy(() -> QueryString.decodePathSegment("abc%")).isInstanceOf(BadQueryException.class);
    }

    @Test
    void pathSegments_keepTheirPlus() {
        assertThat(QueryString.decodePathSegment("a+b%20c%2Fd")).isEqualTo("a+b c/d");
    }
}
