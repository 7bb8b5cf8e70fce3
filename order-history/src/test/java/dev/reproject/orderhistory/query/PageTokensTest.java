package dev.reproject.orderhistory.query;

import dev.reproject.orderhistory.view.OrderStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTokensTest {

    private static final PageTokens TOKENS = new PageTokens(PageTokenKey.SANDBOX);
    private static final String CONSUMER = "1511300065921";
    private static final OrderHistoryFilter FILTER = OrderHistoryFilter.all().withStatus(OrderStatus.APPROVED)
            .withKeywords("pizza", "Chicken Vindaloo").withSince(Instant.parse("2026-11-01T00:00:00Z"));
    private static final PageTokens.Position POSITION = new PageTokens.Position(1_795_000_000_000L, "4711");

    private static final String TOKEN = TOKENS.encode(CONSUMER, FILTER, POSITION);

    @Test
    void aTokenGivesBackItsPosition_forItsConsumerAndFilter() {
        assertThat(TOKENS.decode(TOKEN, CONSUMER, FILTER)).isEqualTo(POSITION);
    }

    @Test
    void isUrlSafe_andTheSameEveryTime() {
        assertThat(TOKEN).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(TOKENS.encode(CONSUMER, FILTER, POSITION)).isEqualTo(TOKEN);
    }

    @Test
    void theSameFilterSpelledOtherwise_orAnotherPageSize_accepts() {
        OrderHistoryFilter same = OrderHistoryFilter.all().withKeywords("VINDALOO chicken", "Pizza", "pizza!")
                .withSince(Instant.parse("2026-11-01T01:00:00+01:00")).withStatus(OrderStatus.APPROVED)
                .withPageSize(99);

        assertThat(TOKENS.decode(TOKEN, CONSUMER, same)).isEqualTo(POSITION);
    }

    @Test
    void anotherConsumer_isRejected() {
        assertThatThrownBy(() -> TOKENS.decode(TOKEN, "1511300065922", FILTER))
                .isInstanceOfSatisfying(BadQueryException.class, e -> assertThat(e.code()).isEqualTo("bad-page-token"))
                .hasMessageContaining("another consumer");
    }

    @Test
    void anotherFilter_isRejected() {
        for (OrderHistoryFilter other : new OrderHistoryFilter[]{
                FILTER.withStatus(OrderStatus.REJECTED),
                FILTER.withKeywords("pizza"),
                FILTER.withKeywords("pizza", "chicken", "vindaloo"), // two single words are another filter than one pair
                FILTER.withSince(Instant.parse("2026-11-01T00:00:00.001Z")),
                FILTER.withUntil(Instant.parse("2027-01-01T00:00:00Z"))}) {
            assertThatThrownBy(() -> TOKENS.decode(TOKEN, CONSUMER, other)).as(other.toString())
                    .isInstanceOf(BadQueryException.class).hasMessageContaining("another filter");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "abc", "a.b.c", "!!!.???", "eyJ2IjoxfQ", "eyJ2IjoxfQ.", "null", "%2F"})
    void garbage_isRejected(String garbage) {
        assertThatThrownBy(() -> TOKENS.decode(garbage, CONSUMER, FILTER))
                .isInstanceOfSatisfying(BadQueryException.class, e -> assertThat(e.code()).isEqualTo("bad-page-token"))
                .hasMessageContaining("garbled or altered");
    }

    @Test
    void everyChangedCharacter_isRejected() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < TOKEN.length(); i++) {
            if (TOKEN.charAt(i) == '.') {
                continue;
            }
            char other = alphabet.charAt((alphabet.indexOf(TOKEN.charAt(i)) + 1) % alphabet.length());
            String changed = TOKEN.substring(0, i) + other + TOKEN.substring(i + 1);
            assertThatThrownBy(() -> TOKENS.decode(changed, CONSUMER, FILTER)).as("position %d", i)
                    .isInstanceOf(BadQueryException.class);
        }
        assertThatThrownBy(() -> TOKENS.decode(TOKEN.substring(0, TOKEN.length() - 1), CONSUMER, FILTER))
                .isInstanceOf(BadQueryException.class);
        assertThatThrownBy(() -> TOKENS.decode("x".repeat(10_000), CONSUMER, FILTER))
                .isInstanceOf(BadQueryException.class);
    }

    @Test
    void aForgedPayload_withTheOldTag_isRejected() {
        String payload = new String(Base64.getUrlDecoder().decode(TOKEN.substring(0, TOKEN.indexOf('.'))),
                StandardCharsets.UTF_8);
        String otherConsumer = payload.replace(CONSUMER, "1511300065922");
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(otherConsumer.getBytes(StandardCharsets.UTF_8))
                + TOKEN.substring(TOKEN.indexOf('.'));

        assertThatThrownBy(() -> TOKENS.decode(forged, "1511300065922", FILTER))
                .isInstanceOf(BadQueryException.class).hasMessageContaining("garbled or altered");
    }

    @Test
    void aPositionOutsideTheTimeRange_isRejected() {
        String early = TOKENS.encode(CONSUMER, FILTER, new PageTokens.Position(0L, "1"));

        assertThatThrownBy(() -> TOKENS.decode(early, CONSUMER, FILTER))
                .isInstanceOf(BadQueryException.class).hasMessageContaining("outside the time range");
    }

    @Test
    void aTokenUnderAnotherKey_isRefused_sayingSo_andTheSameKeyElsewhereAccepts() {
        PageTokenKey key = PageTokenKey.of("test", "k".repeat(32));
        String token = new PageTokens(key).encode(CONSUMER, FILTER, POSITION);

        assertThat(new PageTokens(PageTokenKey.of("another process", "k".repeat(32) + "\n")).decode(token, CONSUMER,
                FILTER)).isEqualTo(POSITION);
        assertThatThrownBy(() -> TOKENS.decode(token, CONSUMER, FILTER))
                .isInstanceOfSatisfying(BadQueryException.class, e -> assertThat(e.code()).isEqualTo("bad-page-token"))
                .hasMessageContaining("another page-token key");
        assertThatThrownBy(() -> new PageTokens(PageTokenKey.of("test", "j".repeat(32))).decode(TOKEN, CONSUMER,
                FILTER)).hasMessageContaining("another page-token key");
    }

    @Test
    void aShortKey_isRefused_namingItsSource_notTheKey() {
        assertThatThrownBy(() -> PageTokenKey.of("--page-token-key-file /etc/k", "  short-secret \n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--page-token-key-file /etc/k holds 12 characters; it needs at least 32")
                .hasMessageNotContaining("short-secret");
        assertThat(PageTokenKey.of("x", "s".repeat(40)).toString()).doesNotContain("sss");
    }
}
