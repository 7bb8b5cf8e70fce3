package dev.reproject.spark.job;

import dev.reproject.cli.api.CommonOptions;
import dev.reproject.spark.ArchiveRoot;
import dev.reproject.spark.S3aSettings;
import dev.reproject.spark.SparkSessions;
import dev.reproject.spark.snapshot.SnapshotStore;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;

/** What the Spark job commands ({@code snapshot}, {@code rebuild}) share: a {@code @Mixin}. */
public final class JobOptions {

    @Option(names = "--archive", required = true, paramLabel = "URI", description = "The event archive's root.")
    String archive;

    @Option(names = "--snapshots", required = true, paramLabel = "URI",
            description = "Where snapshots live: <URI>/<view>/<snapshotId>/.")
    String snapshots;

    @Option(names = "--allow-gaps",
            description = "Pass holes in the archive (counted) instead of stopping a partition there.")
    boolean allowGaps;

    @Option(names = "--allow-empty", description = {"Go on when the archive root holds no file of the view's "
            + "topics, as a new archive does. Without it that is exit 4 and nothing is written: most likely a "
            + "mistyped --archive."})
    boolean allowEmpty;

    @Option(names = "--master", paramLabel = "M",
            description = "Spark master (default: spark.master when spark-submit sets it, else local[*]).")
    String master;

    @Option(names = "--json", description = "Print a one-line JSON summary.")
    boolean json;

    @Option(names = "--run-id", paramLabel = "ID", description = "This run's id: its summary is kept as "
            + "<snapshots>/<view>/runs/<ID>.json (default: the start time and a random suffix). Characters other than "
            + "letters, digits, '.', '_' and '-' become '-', e.g. an orchestrator's run id.")
    String runId;

    @Option(names = "--max-rejected", paramLabel = "N", description = "Exit 3 when more than N records are rejected, "
            + "after the snapshot is committed or the table loaded (default: no limit).")
    Long maxRejected;

    /** @throws IllegalArgumentException for a negative {@code --max-rejected}, before the job starts */
    public void validate() {
        if (maxRejected != null && maxRejected < 0) {
            throw new IllegalArgumentException("--max-rejected must be 0 or more, was " + maxRejected);
        }
    }

    /**
     * Whether {@code rejected} is more than {@code --max-rejected} allows; if so, says so on {@code err}, with
     * {@code done} (what was written all the same and where the rejects are).
     */
    public boolean tooManyRejected(long rejected, String done, PrintWriter err) {
        if (maxRejected == null || rejected <= maxRejected) {
            return false;
        }
        err.printf("reproject: %d records rejected, more than --max-rejected %d (%s)%n", rejected, maxRejected, done);
        err.flush();
        return true;
    }

    /** {@code --max-rejected}, if given. */
    public Optional<Long> maxRejected() {
        return Optional.ofNullable(maxRejected);
    }

    public String archive() {
        return archive;
    }

    public boolean allowGaps() {
        return allowGaps;
    }

    public boolean allowEmpty() {
        return allowEmpty;
    }

    public boolean json() {
        return json;
    }

    /**
     * A session on --master, with s3a pointed by --s3-endpoint and signing for {@code region}, the run's resolved
     * region; credentials from s3a's default chain.
     */
    public SparkSession session(String appName, CommonOptions common, String region) {
        return SparkSessions.create(appName, Optional.ofNullable(master), S3aSettings.of(common.s3Endpoint(), region));
    }

    /** A run of {@code command} starting now, its summary kept in {@code store}. */
    public JobRun run(String command, String view, SnapshotStore store, Clock clock) {
        return new JobRun(command, view, runId == null ? RunIds.generate(clock) : RunIds.clean(runId), store, clock);
    }

    public SnapshotStore snapshotStore(SparkSession spark) {
        return new SnapshotStore(ArchiveRoot.of(snapshots), spark.sparkContext().hadoopConfiguration());
    }
}
