package dev.reproject.benchmarks;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;

/**
 * The updater's consumer calls, timed: each method's calls and seconds, and the records the polls returned. The
 * consumer is the one {@code KafkaClients.liveConsumer} builds, behind a proxy of the {@link Consumer} interface the
 * updater takes, so its configuration is the command's own.
 */
final class LiveConsumerCalls {

    /** Calls of one consumer method and the seconds they took. */
    record Calls(long count, double seconds) {
    }

    private final Map<String, long[]> byMethod = new TreeMap<>();
    private long polledRecords;
    private long emptyPolls;

    @SuppressWarnings("unchecked")
    Consumer<byte[], byte[]> timing(Consumer<byte[], byte[]> consumer) {
        return (Consumer<byte[], byte[]>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
                new Class<?>[]{Consumer.class}, (proxy, method, args) -> {
                    long start = System.nanoTime();
                    Object result;
                    try {
                        result = method.invoke(consumer, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    record(method.getName(), System.nanoTime() - start, result);
                    return result;
                });
    }

    synchronized Map<String, Calls> calls() {
        Map<String, Calls> calls = new TreeMap<>();
        byMethod.forEach((name, c) -> calls.put(name, new Calls(c[0], c[1] / 1e9)));
        return calls;
    }

    synchronized long polledRecords() {
        return polledRecords;
    }

    /** Polls that returned at least one record. */
    synchronized long fullPolls() {
        long[] polls = byMethod.get("poll");
        return polls == null ? 0 : polls[0] - emptyPolls;
    }

    private synchronized void record(String method, long nanos, Object result) {
        long[] c = byMethod.computeIfAbsent(method, k -> new long[2]);
        c[0]++;
        c[1] += nanos;
        if (result instanceof ConsumerRecords<?, ?> records) {
            polledRecords += records.count();
            if (records.isEmpty()) {
                emptyPolls++;
            }
        }
    }
}
