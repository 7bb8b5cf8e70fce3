package dev.reproject.orderhistory.rest;

import dev.reproject.orderhistory.query.BadQueryException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request's query string, decoded as HTML forms encode it ({@code +} is a space): name → values in order. */
final class QueryString {

    private QueryString() {
    }

    /** @param rawQuery as received (still percent-encoded), or null for none */
    static Map<String, List<String>> parse(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** A path segment: percent-decoded, {@code +} kept as it is. */
    static String decodePathSegment(String raw) {
        return decode(raw.replace("+", "%2B"));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw BadQueryException.parameter("'" + text + "' is not well-formed URL encoding: " + e.getMessage());
        }
    }
}
