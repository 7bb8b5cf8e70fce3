package dev.reproject.benchmarks;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Spark ran and when, to see where a job spends its time without changing the job: each SQL execution
 * (one Dataset action, named by the code that called it, e.g. {@code count at ViewFold.java:50}) with its start,
 * end and the time its stages ran. Spark delivers listener events asynchronously: {@link #since} waits until
 * every execution it saw start has ended.
 */
final class SparkTimeline extends SparkListener {

    /** One Dataset action; times in epoch milliseconds, as Spark gives them. */
    record Execution(long id, String description, long startMillis, long endMillis, double stageSeconds,
                     int stages) {
        double seconds() {
            return (endMillis - startMillis) / 1e3;
        }

        /** One line of a benchmark's stderr: its start after {@code sinceMillis}, its length, its stages. */
        String line(long sinceMillis) {
            return String.format(Locale.ROOT, "    +%5.2f s %6.2f s (%d stages, %5.2f s) %s",
                    (startMillis - sinceMillis) / 1e3, seconds(), stages, stageSeconds, description);
        }
    }

    /** Prints each execution's {@link Execution#line line} to stderr: where a measured run's time went. */
    static void print(List<Execution> executions, long sinceMillis) {
        for (Execution e : executions) {
            System.err.println(e.line(sinceMillis));
        }
    }

    private static final class Running {
        final String description;
        final long startMillis;
        volatile long endMillis = -1;
        volatile double stageSeconds;
        volatile int stages;

        Running(String description, long startMillis) {
            this.description = description;
            this.startMillis = startMillis;
        }
    }

    private final Map<Long, Running> executions = new ConcurrentHashMap<>();
    private final Map<Integer, Long> executionOfStage = new ConcurrentHashMap<>();

    @Override
    public void onOtherEvent(SparkListenerEvent event) {
        if (event instanceof SparkListenerSQLExecutionStart start) {
            executions.put(start.executionId(), new Running(start.description(), start.time()));
        } else if (event instanceof SparkListenerSQLExecutionEnd end) {
            Running running = executions.get(end.executionId());
            if (running != null) {
                running.endMillis = end.time();
            }
        }
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        String execution = job.properties() == null ? null : job.properties().getProperty("spark.sql.execution.id");
        if (execution != null) {
            for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(job.stageIds())) {
                executionOfStage.put((Integer) stage, Long.parseLong(execution));
            }
        }
    }

    @Override
    @SuppressWarnings("NonAtomicVolatileUpdate") // Spark's listener bus calls this on one thread; others only read
    public void onStageCompleted(SparkListenerStageCompleted event) {
        StageInfo info = event.stageInfo();
        Long execution = executionOfStage.get(info.stageId());
        Running running = execution == null ? null : executions.get(execution);
        if (running != null && info.submissionTime().isDefined() && info.completionTime().isDefined()) {
            running.stageSeconds += ((Long) info.completionTime().get() - (Long) info.submissionTime().get()) / 1e3;
            running.stages++;
        }
    }

    /** The executions that started at or after {@code startMillis}, in start order. */
    List<Execution> since(long startMillis) throws InterruptedException {
        for (int i = 0; i < 100 && executions.values().stream().anyMatch(r -> r.endMillis < 0); i++) {
            Thread.sleep(20);
        }
        List<Execution> found = new ArrayList<>();
        executions.forEach((id, r) -> {
            if (r.startMillis >= startMillis) {
                found.add(new Execution(id, r.description, r.startMillis, Math.max(r.endMillis, r.startMillis),
                        r.stageSeconds, r.stages));
            }
        });
        found.sort(Comparator.comparingLong(Execution::startMillis));
        return found;
    }
}
