package dev.reproject.core.item;

/**
 * Strings as DynamoDB sees them: UTF-8 bytes. DynamoDB compares strings by their UTF-8 bytes, which is code point
 * order; Java's {@link String#compareTo} compares UTF-16 code units and disagrees for characters above U+FFFF
 * (e.g. {@code "\uFFFF"} sorts after {@code "\uD83D\uDE00"} in Java, before it in DynamoDB).
 */
public final class Utf8 {

    private Utf8() {
    }

    /** Negative, zero or positive as {@code a} sorts before, with or after {@code b} by UTF-8 bytes. */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** The number of bytes of {@code s} in UTF-8 (an unpaired surrogate counts 3, as in CESU-8). */
    public static long length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
