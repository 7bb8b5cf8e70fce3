package dev.reproject.benchmarks.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI subset of the reliability suite (RELIABILITY.md), with the same code as
 * {@code bench/reliability.sh}: each server fault once (S3 stopped under a snapshot, DynamoDB killed under a
 * rebuild, Kafka stopped under live) and two kill points of live, on small data (the kill points of snapshot and
 * rebuild, two Spark runs each, are left to the full run and to SnapshotCrashIT and RebuildCrashIT, for time).
 * Every scenario must end in exactly the expected state: nothing lost, nothing applied twice. The seed is fixed
 * ({@code -Dreliability.seed=N} to change it).
 */
class ReliabilitySubsetIT {

    @Test
    void every_server_fault_and_kill_point_ends_in_the_expected_state(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("reliability.seed", 11L);
        Figures figures = Reliability.run("ci", dir, Sizes.CI, seed);

        assertThat(figures.lines()).extracting(l -> l.scenario).containsExactly("s3-during-snapshot",
                "dynamodb-during-rebuild", "kafka-during-live", "kill-snapshot", "kill-rebuild", "kill-live");
        for (Figures.Line line : figures.lines().stream().filter(l -> l.runs > 0).toList()) {
            assertThat(line.lost).as("%s: lost", line.scenario).isZero();
            assertThat(line.appliedTwice).as("%s: applied twice", line.scenario).isZero();
            assertThat(line.items).as("%s: items checked", line.scenario).isPositive();
        }
        assertThat(figures.lines().stream().mapToInt(l -> l.serverFaults).sum()).isEqualTo(3);
        assertThat(figures.lines().stream().mapToInt(l -> l.kills).sum()).as("kill points that killed")
                .isGreaterThanOrEqualTo(2);
    }
}
