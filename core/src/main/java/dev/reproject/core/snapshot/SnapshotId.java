package dev.reproject.core.snapshot;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A snapshot's id: its creation time in UTC, {@code 20261130T115714.123Z}, so that ids sort in creation
 * order as plain strings and "latest" is the highest.
 */
public record SnapshotId(String value) implements Comparable<SnapshotId>, Serializable {

    private static final Pattern FORMAT = Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}Z");
    private static final DateTimeFormatter PRINTER = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public SnapshotId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "not a snapshot id: '" + value + "' (expected e.g. 20261130T115714.123Z)");
        }
    }

    public static boolean isValid(String value) {
        return FORMAT.matcher(value).matches();
    }

    /** The id for a snapshot made at {@code now}: later than its parent's, even if the clock went back. */
    public static SnapshotId next(Instant now, Optional<SnapshotId> parent) {
        Instant at = now;
        if (parent.isPresent() && !at.isAfter(parent.get().time())) {
            at = parent.get().time().plusMillis(1);
        }
        return new SnapshotId(PRINTER.format(at));
    }

    public Instant time() {
        return Instant.from(PRINTER.parse(value));
    }

    @Override
    public int compareTo(SnapshotId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
