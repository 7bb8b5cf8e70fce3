package dev.reproject.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time used so far by this JVM and by the sandbox servers it started (dynalite is {@code node}, the Kafka
 * broker a child JVM running {@code kafka.Kafka}): on a 2-core machine they compete for the same cores.
 */
final class LiveCpu {

    static final String JVM = "benchmark JVM";
    static final String DYNALITE = "dynalite";
    static final String KAFKA = "Kafka broker";

    private LiveCpu() {
    }

    static Map<String, Duration> sample() {
        Map<String, Duration> cpu = new TreeMap<>();
        cpu.put(JVM, ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        ProcessHandle.current().descendants().forEach(process -> {
            String commandLine = process.info().commandLine().orElse("");
            String name = commandLine.contains("dynalite") ? DYNALITE
                    : commandLine.contains("kafka.Kafka") ? KAFKA : null;
            if (name != null) {
                cpu.merge(name, process.info().totalCpuDuration().orElse(Duration.ZERO), Duration::plus);
            }
        });
        return cpu;
    }

    /** CPU seconds per process between two samples. */
    static Map<String, Double> since(Map<String, Duration> before, Map<String, Duration> after) {
        Map<String, Double> used = new TreeMap<>();
        after.forEach((name, total) -> used.put(name,
                total.minus(before.getOrDefault(name, Duration.ZERO)).toNanos() / 1e9));
        return used;
    }
}
