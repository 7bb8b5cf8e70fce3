package dev.reproject.benchmarks.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What a scenario expected and found, one line each; {@link #failed()} lists the ones that did not hold. */
public final class Checks {

    /** One expectation: what, whether it held, what was found. */
    public record Check(String scenario, String what, boolean ok, String found) {
        @Override
        public String toString() {
            return (ok ? "ok   " : "FAIL ") + scenario + ": " + what + (ok ? "" : " — found " + found);
        }
    }

    private final List<Check> checks = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();

    public synchronized void check(String scenario, String what, boolean ok, Object found) {
        checks.add(new Check(scenario, what, ok, String.valueOf(found)));
    }

    public void equal(String scenario, String what, Object expected, Object found) {
        check(scenario, what + " = " + expected, Objects.equals(expected, found), found);
    }

    /** A measured figure, for the report. */
    public synchronized void figure(String scenario, String text) {
        figures.add(scenario + ": " + text);
    }

    public synchronized List<Check> all() {
        return List.copyOf(checks);
    }

    public synchronized List<Check> failed() {
        return checks.stream().filter(c -> !c.ok()).toList();
    }

    public synchronized List<String> figures() {
        return List.copyOf(figures);
    }

    /** Every check, then every figure. */
    public synchronized String report() {
        StringBuilder out = new StringBuilder();
        checks.forEach(c -> out.append(c).append('\n'));
        figures.forEach(f -> out.append("figure ").append(f).append('\n'));
        return out.toString();
    }
}
