package dev.reproject.benchmarks;

import dev.reproject.benchmarks.LiveBenchmark.Result;
import dev.reproject.benchmarks.LiveBenchmark.Run;
import dev.reproject.live.LiveOptions;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the live benchmark prints: a line per run to stderr, the Markdown tables to stdout. */
final class LiveReport {

    private LiveReport() {
    }

    /** One run's figures, to stderr. */
    static void run(String name, Run r) {
        LiveInFlight.Profile p = r.profile();
        System.err.printf("  %s %s #%d: %.1f s, %,.0f events/s; %,d UpdateItem (%.3f per event), %,d applied, %,d "
                + "duplicates; other requests %s; in flight: mean %.1f, idle %.0f%%, partial %.0f%%, full %.0f%%, "
                + "%,d idle stretches, %.1f ms per request; CPU s %s; JVM CPU s %s; load %s%n", name, r.kind(),
                r.round(),
                r.seconds(), r.eventsPerSecond(), r.updateItemRequests(),
                (double) r.updateItemRequests() / r.records(), r.applied(), r.duplicates(), r.otherRequests(),
                p.meanInFlight(), 100 * p.fractionIdle(), 100 * p.fractionPartial(), 100 * p.fractionFull(),
                p.idleStretches(), 1e3 * p.meanRequestSeconds(), cpu(r.cpuSeconds()), cpu(r.jvmCpuSeconds()),
                BenchSupport.loadAverage());
        r.consumer().ifPresent(c -> System.err.printf("    consumer: %,d polls with records, %,d records; calls %s%n",
                c.fullPolls(), c.polledRecords(), c.calls().entrySet().stream()
                        .map(e -> String.format("%s %d / %.2f s", e.getKey(), e.getValue().count(),
                                e.getValue().seconds()))
                        .collect(Collectors.joining(", "))));
    }

    static void tables(List<Result> results, String loadAtStart, String loadAtEnd) {
        // at equal request times, throughput follows the mean requests in flight (Little's law): a ratio that the
        // machine's drift between runs does not move
        System.out.println("| events | events per key | live | events/s | plain | events/s "
                + "| live ÷ plain (events/s) | live ÷ plain (mean in flight) | live UpdateItem per event "
                + "| combined writes | events in them | fallbacks | applied | duplicates | produce |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            double live = r.meanSeconds("live");
            double plain = r.meanSeconds("plain");
            Run first = r.of("live").get(0);
            LiveBenchmark.Combining c = first.combining();
            System.out.printf("| %,d | %.2f | %.1f s | %,.0f | %.1f s | %,.0f | %.2f | %.2f | %.3f | %,d | %,d | %,d "
                    + "| %,d | %,d | %.1f s |%n",
                    r.events(), (double) r.events() / r.keys(), live, r.events() / live, plain, r.events() / plain,
                    plain / live, r.meanInFlight("live") / r.meanInFlight("plain"),
                    (double) first.updateItemRequests() / first.records(), c.combinedWrites(), c.combinedUpdates(),
                    c.fallbacks(), first.applied(), first.duplicates(), r.produceSeconds());
        }
        System.out.println();
        System.out.println("| events | run | round | time | events/s | mean in flight | idle (0) | partial (1–15) "
                + "| full (16) | ms per UpdateItem | other DynamoDB requests | CPU s | JVM CPU s by thread |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        for (Result r : results) {
            for (Run run : r.runs()) {
                LiveInFlight.Profile p = run.profile();
                System.out.printf(
                        "| %,d | %s | %d | %.1f s | %,.0f | %.1f | %.0f%% | %.0f%% | %.0f%% | %.1f | %s | %s | %s |%n",
                        r.events(), run.kind(), run.round(), run.seconds(), run.eventsPerSecond(), p.meanInFlight(),
                        100 * p.fractionIdle(), 100 * p.fractionPartial(), 100 * p.fractionFull(),
                        1e3 * p.meanRequestSeconds(), operations(run.otherRequests()), cpu(run.cpuSeconds()),
                        cpu(run.jvmCpuSeconds()));
            }
        }
        System.out.println();
        System.out.println("| events | live round | polls with records | records per poll | idle (0 in flight) "
                + "| in poll | in commitSync | rest of idle | idle per poll | partial (1–15) | partial per poll |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            for (Run run : r.of("live")) {
                LiveConsumerCalls consumer = run.consumer().orElseThrow();
                Map<String, LiveConsumerCalls.Calls> calls = consumer.calls();
                double poll = calls.getOrDefault("poll", new LiveConsumerCalls.Calls(0, 0)).seconds();
                double commit = calls.getOrDefault("commitSync", new LiveConsumerCalls.Calls(0, 0)).seconds();
                LiveInFlight.Profile p = run.profile();
                double idle = p.secondsAt()[0];
                double partial = p.fractionPartial() * p.seconds();
                long polls = consumer.fullPolls();
                System.out.printf(
                        "| %,d | %d | %,d | %,.0f | %.2f s | %.2f s | %.2f s | %.2f s | %.0f ms | %.2f s | %.0f ms |%n",
                        r.events(), run.round(), polls, (double) consumer.polledRecords() / polls, idle, poll, commit,
                        idle - poll - commit, 1e3 * idle / polls, partial, 1e3 * partial / polls);
            }
        }
        System.out.println("(" + results.stream().map(r -> r.partitions().size() + "").distinct()
                .collect(Collectors.joining("/")) + " partitions, " + LiveOptions.DEFAULT_MAX_IN_FLIGHT
                + " requests in "
                + "flight, " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB; load average " + loadAtStart + " at start, "
                + loadAtEnd + " at end)");
    }

    private static String operations(Map<String, Long> requests) {
        return requests.isEmpty() ? "none" : requests.entrySet().stream()
                .map(e -> e.getKey().replace(LiveBenchmark.CATALOG, "catalog") + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String cpu(Map<String, Double> seconds) {
        return seconds.entrySet().stream().map(e -> String.format("%s %.1f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
