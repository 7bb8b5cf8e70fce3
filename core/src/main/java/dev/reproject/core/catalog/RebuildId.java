package dev.reproject.core.catalog;

import dev.reproject.core.snapshot.SnapshotId;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A rebuild's id: the target table and the snapshot it loads, {@code ftgo-order-history@20261130T115714.123Z}.
 * Deterministic on purpose: running the same rebuild again after a crash finds (and overwrites) the same
 * catalog entry, and the live updater of that rebuild keeps the same consumer group.
 */
public record RebuildId(String value) implements Comparable<RebuildId> {

    /** DynamoDB's table names: 3 to 255 of {@code a-z A-Z 0-9 _ - .}. */
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final char SEPARATOR = '@';

    public RebuildId {
        Objects.requireNonNull(value, "value");
        int at = value.lastIndexOf(SEPARATOR);
        if (at < 0 || !TABLE_NAME.matcher(value.substring(0, at)).matches()
                || !SnapshotId.isValid(value.substring(at + 1))) {
            throw new IllegalArgumentException("not a rebuild id: '" + value
                    + "' (expected <table>@<snapshotId>, e.g. ftgo-order-history@20261130T115714.123Z)");
        }
    }

    public static RebuildId of(String table, SnapshotId snapshot) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(snapshot, "snapshot");
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a DynamoDB table name: '" + table
                    + "' (3 to 255 of a-z, A-Z, 0-9, '_', '-', '.')");
        }
        return new RebuildId(table + SEPARATOR + snapshot.value());
    }

    public String table() {
        return value.substring(0, value.lastIndexOf(SEPARATOR));
    }

    public SnapshotId snapshot() {
        return new SnapshotId(value.substring(value.lastIndexOf(SEPARATOR) + 1));
    }

    /**
     * The live updater's Kafka consumer group: {@code reproject-<table>.<snapshotId>}. Only the {@code @} needs
     * replacing (table names and snapshot ids are already legal in group ids and metric names); the mapping stays
     * one-to-one because a snapshot id has a fixed shape, so the last 20 characters always name it.
     */
    public String consumerGroup() {
        return "reproject-" + value.replace(SEPARATOR, '.');
    }

    /** By table, then snapshot (oldest first): not as plain strings, where {@code t-2@…} would sort before {@code t@…}. */
    @Override
    public int compareTo(RebuildId other) {
        int byTable = table().compareTo(other.table());
        return byTable != 0 ? byTable : snapshot().compareTo(other.snapshot());
    }

    @Override
    public String toString() {
        return value;
    }
}
