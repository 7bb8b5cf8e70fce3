package dev.reproject.core.item;

/** An item's size by DynamoDB's rules (names and values in UTF-8), and the 400 KB limit. */
public final class ItemSize {

    /** 400 KB */
    public static final long MAX_BYTES = 409_600;

    private ItemSize() {
    }

    public static long of(Item item) {
        throw new UnsupportedOperationException("not yet");
    }
}
