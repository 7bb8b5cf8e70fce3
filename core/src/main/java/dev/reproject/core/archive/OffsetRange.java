package dev.reproject.core.archive;

import java.io.Serializable;
/** Offsets {@code first..last}, inclusive; empty when last < first. */
public record OffsetRange(long first, long last) implements Serializable {

    public static final OffsetRange EMPTY = new OffsetRange(0, -1);

    public boolean contains(long offset) {
        return offset >= first && offset <= last;
    }

    public boolean isEmpty() {
        return last < first;
    }

    public long size() {
        return isEmpty() ? 0 : last - first + 1;
    }
}
