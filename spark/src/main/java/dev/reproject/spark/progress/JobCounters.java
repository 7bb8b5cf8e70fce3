package dev.reproject.spark.progress;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters of a job's work that the driver can read while tasks still run, for progress lines: long accumulators
 * whose driver value (what finished tasks added) is topped up with running tasks' latest values, which executors
 * send with their heartbeats ({@code spark.executor.heartbeatInterval}, 10 s by default). Jobs ask for a counter
 * with {@link #counter}; it is live when a command {@link #attach attached} counters to the session, a plain
 * accumulator otherwise.
 */
public final class JobCounters extends SparkListener implements AutoCloseable {

    /** Archive files opened so far. */
    public static final String FILES_READ = "filesRead";
    /** Archive lines read so far. */
    public static final String RECORDS_READ = "recordsRead";
    /** Items a rebuild will write in all: set by the driver before the writes. */
    public static final String ITEMS_TO_WRITE = "itemsToWrite";
    /** Items in the table so far. */
    public static final String ITEMS_WRITTEN = "itemsWritten";
    /** Write calls (or their unprocessed items) sent again after a backoff. */
    public static final String WRITE_RETRIES = "writeRetries";

    private static final String PREFIX = "reproject.";
    private static final Map<SparkContext, JobCounters> ATTACHED = Collections.synchronizedMap(new WeakHashMap<>());

    private final SparkContext context;
    private final Map<String, LongAccumulator> counters = new ConcurrentHashMap<>();
    /** accumulator id → task id → that running task's latest value */
    private final Map<Long, Map<Long, Long>> running = new ConcurrentHashMap<>();

    private JobCounters(SparkContext context) {
        this.context = context;
    }

    /** Live counters for the session's jobs until closed. */
    public static JobCounters attach(SparkSession spark) {
        JobCounters counters = new JobCounters(spark.sparkContext());
        spark.sparkContext().addSparkListener(counters);
        ATTACHED.put(spark.sparkContext(), counters);
        return counters;
    }

    /** The counter {@code name} of the session: the attached one, or a plain accumulator. */
    public static LongAccumulator counter(SparkSession spark, String name) {
        JobCounters attached = ATTACHED.get(spark.sparkContext());
        return attached != null ? attached.counter(name) : spark.sparkContext().longAccumulator(PREFIX + name);
    }

    /** Whether a command attached live counters to the session (and so reads them). */
    public static boolean attached(SparkSession spark) {
        return ATTACHED.containsKey(spark.sparkContext());
    }

    private LongAccumulator counter(String name) {
        return counters.computeIfAbsent(name, n -> context.longAccumulator(PREFIX + n));
    }

    /** What finished and running tasks (and the driver) have counted so far; 0 for a counter not asked for yet. */
    public long value(String name) {
        LongAccumulator counter = counters.get(name);
        if (counter == null) {
            return 0;
        }
        Map<Long, Long> tasks = running.getOrDefault(counter.id(), Map.of());
        return counter.value() + tasks.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        var tasks = update.accumUpdates().iterator();
        while (tasks.hasNext()) {
            var task = tasks.next();
            long taskId = (Long) task._1();
            var infos = task._4().iterator();
            while (infos.hasNext()) {
                AccumulableInfo info = infos.next();
                if (info.update().isDefined() && info.update().get() instanceof Long value && tracked(info.id())) {
                    running.computeIfAbsent(info.id(), id -> new ConcurrentHashMap<>()).put(taskId, value);
                }
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        long taskId = end.taskInfo().taskId();
        running.values().forEach(tasks -> tasks.remove(taskId));
    }

    private boolean tracked(long id) {
        return counters.values().stream().anyMatch(counter -> counter.id() == id);
    }

    @Override
    public void close() {
        ATTACHED.remove(context, this);
        context.removeSparkListener(this);
    }
}
