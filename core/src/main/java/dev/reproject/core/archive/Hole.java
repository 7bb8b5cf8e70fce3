package dev.reproject.core.archive;

import dev.reproject.core.event.SourcePartition;

import java.io.Serializable;
import java.util.Objects;

/**
 * Offsets of a partition that no readable file holds.
 *
 * @param firstMissing the first offset missing
 * @param lastMissing  the last offset missing, or -1 when unknown (an unreadable file at the end)
 * @param passed       whether the run went past it ({@code --allow-gaps}) or stopped the partition there
 * @param cause        for a person: what is missing
 */
public record Hole(SourcePartition topicPartition, long firstMissing, long lastMissing, boolean passed,
                   String cause) implements Serializable {

    public Hole {
        Objects.requireNonNull(topicPartition, "topicPartition");
        Objects.requireNonNull(cause, "cause");
    }

    public boolean isEndKnown() {
        return lastMissing >= 0;
    }

    /** How many offsets are missing, or -1 when unknown. */
    public long size() {
        return isEndKnown() ? lastMissing - firstMissing + 1 : -1;
    }

    @Override
    public String toString() {
        return topicPartition + " offsets " + firstMissing + ".." + (isEndKnown() ? lastMissing : "?")
                + " (" + cause + (passed ? ", passed" : ", stopped there") + ")";
    }
}
