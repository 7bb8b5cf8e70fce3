package dev.reproject.core.decode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads the one RFC 1123 form Eventuate's {@code DATE} header has, {@code Mon, 30 Nov 2026 09:15:02 GMT}, without
 * {@link java.time.format.DateTimeFormatter} (a fifth of the decoder's time went there). Anything else, including
 * a date that does not exist or a day of the week that does not match it, gives null: the caller then parses with
 * the formatter, which accepts the other forms and words the error.
 */
final class GmtDates {

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};

    private GmtDates() {
    }

    /** The instant of {@code EEE, d MMM yyyy HH:mm:ss GMT} (day of one or two digits), or null. */
    static Instant parse(String text) {
        int length = text.length();
        if (length != 28 && length != 29) {
            return null;
        }
        int d = length - 28; // 1 when the day has two digits
        int dayOfWeek = indexOf(DAYS, text, 0) + 1;
        int day = digits(text, 5, 1 + d);
        int month = indexOf(MONTHS, text, 7 + d) + 1;
        int year = digits(text, 11 + d, 4);
        int hour = digits(text, 16 + d, 2);
        int minute = digits(text, 19 + d, 2);
        int second = digits(text, 22 + d, 2);
        if (dayOfWeek == 0 || day < 0 || month == 0 || year < 0 || hour < 0 || minute < 0 || second < 0
                || text.charAt(3) != ',' || text.charAt(4) != ' ' || text.charAt(6 + d) != ' '
                || text.charAt(10 + d) != ' ' || text.charAt(15 + d) != ' ' || text.charAt(18 + d) != ':'
                || text.charAt(21 + d) != ':' || !text.startsWith(" GMT", 24 + d)) {
            return null;
        }
        LocalDateTime time;
        try {
            time = LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (DateTimeException e) {
            return null; // 31 Nov, 24:00:00, second 60: the formatter words the error
        }
        return time.getDayOfWeek().getValue() == dayOfWeek ? time.toInstant(ZoneOffset.UTC) : null;
    }

    private static int indexOf(String[] names, String text, int at) {
        for (int i = 0; i < names.length; i++) {
            if (text.startsWith(names[i], at)) {
                return i;
            }
        }
        return -1;
    }

    /** The decimal number of {@code count} ASCII digits at {@code at}, or -1. */
    private static int digits(String text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
