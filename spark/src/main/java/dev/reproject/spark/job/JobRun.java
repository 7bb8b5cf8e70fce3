package dev.reproject.spark.job;

import dev.reproject.cli.api.ErrorHandler;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.cli.api.Json;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a Spark job command and its summary: the outcome's fields plus {@code command}, {@code runId},
 * {@code view}, {@code exitStatus}, {@code exitMeaning}, {@code startedAt} and {@code endedAt} (the run's, over
 * an outcome's own) — printed with {@code --json} and, in every deploy
 * mode, kept as {@code <snapshots>/<view>/runs/<runId>.json} for an orchestrator (a failed run too, with
 * {@code status} {@code failed} and its {@code error}, when the store can still be written).
 */
public final class JobRun {

    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

    private final String command;
    private final String view;
    private final String runId;
    private final SnapshotStore store;
    private final Clock clock;
    private final Instant started;

    public JobRun(String command, String view, String runId, SnapshotStore store, Clock clock) {
        this.command = command;
        this.view = view;
        this.runId = runId;
        this.store = store;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** The run's id: what names its summary, and the reports a run keeps beside it. */
    public String runId() {
        return runId;
    }

    /** The summary of a run that ended with {@code exitStatus}, kept in the store; the caller prints it. */
    public Map<String, Object> ended(int exitStatus, Map<String, Object> outcome) throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>(outcome);
        summary.putAll(summary(exitStatus));
        keep(summary);
        return summary;
    }

    /** Keeps the summary of a run that threw {@code failure}; a store that cannot be written is added to it. */
    public void failed(Exception failure) {
        Map<String, Object> summary = summary(ErrorHandler.exitStatusOf(failure));
        summary.put("status", "failed");
        summary.put("error", new ErrorHandler(Map.of()).message(failure)); // as the command prints it
        try {
            keep(summary);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
            LOG.warn("could not keep the summary of failed run {}: {}", runId, e.getMessage());
        }
    }

    private Map<String, Object> summary(int exitStatus) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", command);
        summary.put("runId", runId);
        summary.put("view", view);
        summary.put("exitStatus", exitStatus);
        summary.put("exitMeaning", ExitCodes.meaning(exitStatus));
        summary.put("startedAt", started.toString());
        summary.put("endedAt", clock.instant().toString());
        return summary;
    }

    private void keep(Map<String, Object> summary) throws IOException {
        String at = store.writeRunSummary(view, runId, Json.line(summary));
        LOG.info("run summary of {} {}: {}", command, runId, at);
    }
}
