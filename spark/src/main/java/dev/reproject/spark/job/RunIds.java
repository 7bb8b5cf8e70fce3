package dev.reproject.spark.job;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Run ids: a file name under {@code runs/}, from {@code --run-id} or the start time. */
final class RunIds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_LENGTH = 200;

    private RunIds() {
    }

    /** {@code <UTC start time>-<6 hex digits>}: sorts by start time, two runs in one millisecond differ. */
    static String generate(Clock clock) {
        return TIME.format(clock.instant()) + "-"
                + String.format("%06x", ThreadLocalRandom.current().nextInt(0x1000000));
    }

    /**
     * A given id as a file name: other characters than letters, digits, '.', '_' and '-' become '-' (Airflow's
     * {@code scheduled__2026-12-07T00:00:00+00:00}, whose colons Hadoop paths refuse).
     *
     * @throws IllegalArgumentException for an id that is blank, starts with a dot or is over 200 characters
     */
    static String clean(String given) {
        String id = given.strip().replaceAll("[^A-Za-z0-9._-]", "-");
        if (id.isEmpty() || id.startsWith(".") || id.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("--run-id must be 1 to " + MAX_LENGTH
                    + " characters and not start with '.', was '" + given + "'");
        }
        return id;
    }
}
