package dev.reproject.cli;

import java.time.Duration;
import java.time.Instant;

/** How long ago, as a person reads it at a glance: {@code 12 s ago}, {@code 5 min ago}, {@code 3 h ago}, {@code 2 d ago}. */
final class RelativeTime {

    private RelativeTime() {
    }

    /** Seconds under a minute, minutes under an hour, hours under two days, else days; rounded down. */
    static String ago(Instant then, Instant now) {
        Duration since = Duration.between(then, now);
        if (since.isNegative()) { // a clock ahead of this one's: not worth more than a hint
            return "in " + format(since.negated());
        }
        return format(since) + " ago";
    }

    private static String format(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + " h";
        }
        return seconds / 86_400 + " d";
    }
}
