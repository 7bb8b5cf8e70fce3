package dev.reproject.core.decode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written reader against the JDK's strict RFC 1123 formatter, which the decoder used alone before. */
class GmtDatesTest {

    private static final DateTimeFormatter RFC_1123_STRICT = DateTimeFormatter.RFC_1123_DATE_TIME
            .withResolverStyle(ResolverStyle.STRICT);

    @Test
    void givenTheFormattersOwnTextOfManyInstants_thenTheSameInstant() {
        Random random = new Random(15);
        for (int i = 0; i < 20_000; i++) {
            Instant time = Instant.ofEpochSecond(random.nextLong(Instant.parse("1900-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()));
            String text = RFC_1123_STRICT.format(time.atOffset(ZoneOffset.UTC));

            assertThat(GmtDates.parse(text)).as(text).isEqualTo(time);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mon, 30 Nov 2026 09:15:02 GMT", "Tue, 1 Dec 2026 00:00:00 GMT",
            "Tue, 01 Dec 2026 00:00:00 GMT", "Sat, 29 Feb 2020 23:59:59 GMT", "Sat, 1 Jan 2000 00:00:00 GMT"})
    void givenTheUsualForm_thenWhatTheFormatterReads(String text) {
        assertThat(GmtDates.parse(text)).isEqualTo(ZonedDateTime.parse(text, RFC_1123_STRICT).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tue, 30 Nov 2026 09:15:02 GMT", // the wrong day of the week
            "Mon, 31 Nov 2026 09:15:02 GMT", "Sun, 29 Feb 2026 10:00:00 GMT", "Mon, 30 Nov 2026 24:00:00 GMT",
            "Mon, 30 Nov 2026 09:60:02 GMT", "Mon, 30 Nov 2026 09:15:60 GMT", "mon, 30 nov 2026 09:15:02 gmt",
            "Mon, 30 Nov 2026 09:15:02 +0000", "Mon, 30 Nov 2026 09:15 GMT", "30 Nov 2026 09:15:02 GMT",
            "Mon, 30 Nov 26 09:15:02 GMT", "Mon,  30 Nov 2026 09:15:02 GMT", "Mon, 30 Nov 2026 09:15:02 UTC",
            "Mon, 3a Nov 2026 09:15:02 GMT", "Mon, 30 Nov 2026 09:15:02 GMTx", "", "x"})
    void givenAnythingElse_thenNull_leftToTheFormatter(String text) {
        assertThat(GmtDates.parse(text)).isNull();
    }
}
