package dev.reproject.core.item;

/** {@link Update}s as compact JSON, to move them between Spark stages and to show them in rejects. */
public final class UpdateCodec {

    private UpdateCodec() {
    }

    public static String toJson(Update update) {
        throw new UnsupportedOperationException("not yet");
    }

    /** @throws IllegalArgumentException when {@code json} is not an update written by {@link #toJson} */
    public static Update fromJson(String json) {
        throw new UnsupportedOperationException("not yet");
    }
}
