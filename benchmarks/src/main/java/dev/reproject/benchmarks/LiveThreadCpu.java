package dev.reproject.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * This JVM's CPU time by kind of thread during a run, sampled every 100 ms so that threads which end within the
 * run (the updater's writer pool) are counted up to their last sample. What no Java thread accounts for is the
 * JVM's own work: garbage collection and JIT compilation.
 */
final class LiveThreadCpu {

    static final String POLL_LOOP = "poll loop (main)";
    static final String WRITERS = "writers";
    static final String KAFKA = "Kafka client";
    static final String OTHER = "other threads";
    static final String JVM = "GC and JIT";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startNanos = new HashMap<>();
    private final Map<Long, Long> lastNanos = new HashMap<>();
    private final Map<Long, String> kinds = new HashMap<>();
    private final long processStartNanos;
    private final Thread sampler;
    private volatile boolean running = true;

    private LiveThreadCpu() {
        processStartNanos = processCpuNanos();
        sample(true);
        sampler = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                sample(false);
            }
        }, "live-bench-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static LiveThreadCpu start() {
        return new LiveThreadCpu();
    }

    /** CPU seconds by kind of thread since {@link #start()} (the sampler's own time is among the other threads'). */
    Map<String, Double> stop() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
        sample(false);
        Map<String, Double> seconds = new TreeMap<>();
        double threadsTotal = 0;
        synchronized (this) {
            for (Map.Entry<Long, Long> e : lastNanos.entrySet()) {
                long used = e.getValue() - startNanos.getOrDefault(e.getKey(), 0L);
                String kind = kinds.get(e.getKey());
                if (used > 0 && kind != null) {
                    seconds.merge(kind, used / 1e9, Double::sum);
                    threadsTotal += used / 1e9;
                }
            }
        }
        seconds.put(JVM, Math.max(0, (processCpuNanos() - processStartNanos) / 1e9 - threadsTotal));
        return seconds;
    }

    private synchronized void sample(boolean first) {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            String kind = kind(info.getThreadName());
            if (first) {
                startNanos.put(info.getThreadId(), cpu);
            }
            lastNanos.put(info.getThreadId(), cpu);
            kinds.put(info.getThreadId(), kind);
        }
    }

    private static String kind(String name) {
        if (name.equals("main")) {
            return POLL_LOOP;
        }
        if (name.startsWith("reproject-live-writer") || name.startsWith("pool-")) {
            return WRITERS;
        }
        if (name.startsWith("kafka") || name.contains("-network-thread") || name.contains("heartbeat")) {
            return KAFKA;
        }
        return OTHER;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
