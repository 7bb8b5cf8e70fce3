package dev.reproject.orderhistory.view;

import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An order's search words (CONTRACT.md §4): its texts lower-cased with {@link Locale#ROOT}, then split into maximal
 * runs of letters or digits ({@link Character#isLetterOrDigit(int)}, by code point, so letters outside the
 * BMP count too). Texts are taken as written: not Unicode-normalised, so a decomposed "e\u0301" splits.
 * Public so that the queries normalise search words exactly as the view stored them.
 */
public final class Keywords {

    private Keywords() {
    }

    /** The distinct words of all {@code texts}, sorted; empty when they hold no letter or digit. */
    public static SortedSet<String> of(Iterable<String> texts) {
        SortedSet<String> words = new TreeSet<>();
        for (String text : texts) {
            addWords(text.toLowerCase(Locale.ROOT), words);
        }
        return words;
    }

    private static void addWords(String text, SortedSet<String> into) {
        int start = -1; // where the current run began, or -1 outside a run
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            if (Character.isLetterOrDigit(codePoint)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                into.add(text.substring(start, i));
                start = -1;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            into.add(text.substring(start));
        }
    }
}
