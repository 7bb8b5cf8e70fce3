package dev.reproject.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The part of Amazon States Language's intrinsic functions that the state machine's {@code ".$"} fields use,
 * parsed strictly and evaluated against sample context values: {@code States.Array}, {@code States.Format},
 * string literals in single quotes (backslash escapes {@code \' \{ \} \\}) and paths. Context paths
 * ({@code $$.…}) take their value from {@code context}; other functions and input paths ({@code $.…}) parse
 * but evaluate to {@code null}: their values exist only at run time.
 */
final class AslIntrinsics {

    private static final Set<String> FUNCTIONS = Set.of("States.Array", "States.Format", "States.StringToJson",
            "States.JsonToString", "States.JsonMerge", "States.UUID", "States.ArrayGetItem", "States.ArrayLength");

    private final String text;
    private final Map<String, String> context;
    private int at;

    private AslIntrinsics(String text, Map<String, String> context) {
        this.text = text;
        this.context = context;
    }

    /** The value of {@code expression}: a String, a List of values, or null when known only at run time. */
    static Object evaluate(String expression, Map<String, String> context) {
        AslIntrinsics parser = new AslIntrinsics(expression, context);
        Object value = parser.expression();
        parser.skipSpaces();
        assertThat(parser.at).as("the end of " + expression).isEqualTo(expression.length());
        return value;
    }

    /** The strings {@code expression} (a {@code States.Array} of strings) evaluates to. */
    static List<String> strings(String expression, Map<String, String> context) {
        Object value = evaluate(expression, context);
        assertThat(value).as(expression + ": an array").isInstanceOf(List.class);
        List<String> strings = new ArrayList<>();
        for (Object item : (List<?>) value) {
            strings.add(item instanceof String s ? s : fail(expression + ": a string known before the run: " + item));
        }
        return strings;
    }

    private Object expression() {
        skipSpaces();
        if (peek() == '\'') {
            return unescape(literal());
        }
        if (text.startsWith("$", at)) {
            return path();
        }
        return call();
    }

    private Object call() {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '.')) {
            at++;
        }
        String name = text.substring(start, at);
        assertThat(name).as("an intrinsic function at " + start + " of " + text).isIn(FUNCTIONS);
        expect('(');
        List<Object> args = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        skipSpaces();
        while (peek() != ')') {
            skipSpaces();
            raw.add(peek() == '\'' ? literalAhead() : null);
            args.add(expression());
            skipSpaces();
            if (peek() == ',') {
                at++;
            } else {
                assertThat(peek()).as("',' or ')' at " + at + " of " + text).isEqualTo(')');
            }
        }
        expect(')');
        return switch (name) {
            case "States.Array" -> args;
            case "States.Format" -> format(raw.get(0), args.subList(1, args.size()));
            default -> null;
        };
    }

    /** States.Format: each unescaped {@code {}} of the template takes the next argument. */
    private String format(String template, List<Object> args) {
        assertThat(template).as("States.Format's template, a literal: " + text).isNotNull();
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\') {
                out.append(template.charAt(++i));
            } else if (c == '{') {
                assertThat(template.charAt(i + 1)).as("'{}' in " + template).isEqualTo('}');
                Object arg = args.get(next++);
                out.append(arg instanceof String s ? s : fail("States.Format of a value known at run time: " + arg));
                i++;
            } else {
                out.append(c);
            }
        }
        assertThat(next).as("States.Format uses every argument: " + text).isEqualTo(args.size());
        return out.toString();
    }

    private String path() {
        int start = at;
        while (at < text.length() && peek() != ',' && peek() != ')' && !Character.isWhitespace(peek())) {
            at++;
        }
        String path = text.substring(start, at);
        assertThat(path).as("a path at " + start + " of " + text).matches("\\$\\$?(\\.[A-Za-z0-9_]+)*");
        if (!path.startsWith("$$")) {
            return null;
        }
        assertThat(context).as("a sample value for " + path).containsKey(path);
        return context.get(path);
    }

    /** A literal with its escapes, without its quotes. */
    private String literal() {
        expect('\'');
        int start = at;
        while (peek() != '\'') {
            at += peek() == '\\' ? 2 : 1;
        }
        String raw = text.substring(start, at);
        expect('\'');
        return raw;
    }

    private String literalAhead() {
        int mark = at;
        String raw = literal();
        at = mark;
        return raw;
    }

    private static String unescape(String raw) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            out.append(raw.charAt(i) == '\\' ? raw.charAt(++i) : raw.charAt(i));
        }
        return out.toString();
    }

    private void expect(char c) {
        skipSpaces();
        assertThat(peek()).as("'" + c + "' at " + at + " of " + text).isEqualTo(c);
        at++;
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : fail("unexpected end of " + text);
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }
}
