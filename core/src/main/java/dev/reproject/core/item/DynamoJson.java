package dev.reproject.core.item;

/** Items and values as DynamoDB JSON ({@code {"a":{"S":"x"},"n":{"N":"1.5"}}}), as snapshots store them. */
public final class DynamoJson {

    private DynamoJson() {
    }

    public static String write(Item item) {
        throw new UnsupportedOperationException("not yet");
    }

    /** @throws IllegalArgumentException when {@code json} is not an item in DynamoDB JSON */
    public static Item readItem(String json) {
        throw new UnsupportedOperationException("not yet");
    }
}
