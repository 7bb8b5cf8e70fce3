package dev.reproject.benchmarks.reliability;

/**
 * How big a run is: {@link #FULL} for the figures in docs, {@link #CI} for the integration test (one of each
 * server fault and two kill points of live: the Spark commands' kill points take two Spark runs each, left to the
 * full run and to SnapshotCrashIT and RebuildCrashIT; LiveCrashIT kills live six times more in CI).
 *
 * @param orders           orders generated, produced and archived before the snapshot and rebuild scenarios
 * @param partitions       partitions of the topic
 * @param faultLiveOrders  orders produced for live to consume when the broker is stopped
 * @param killLiveOrders   orders produced before each live kill point
 * @param snapshotKills    kill points of {@code snapshot}
 * @param rebuildKills     kill points of {@code rebuild}
 * @param liveKills        kill points of {@code live}
 * @param rebuildWriteRate {@code --write-rate} of the faulted and killed rebuilds, so that their load lasts a while
 * @param kafkaDownSeconds how long the broker stays stopped
 * @param raceRounds       rounds of the two-rebuilds and two-snapshots races
 * @param fastFailS3       the Spark commands run with s3a's retries cut down, so that a run with S3 stopped fails
 *                         in seconds rather than the many minutes of the defaults (see RELIABILITY.md)
 */
record Sizes(long orders, int partitions, long faultLiveOrders, long killLiveOrders, int snapshotKills,
             int rebuildKills, int liveKills, int rebuildWriteRate, int kafkaDownSeconds, int raceRounds,
             boolean fastFailS3) {

    static final Sizes FULL = new Sizes(3000, 4, 6000, 1500, 5, 5, 10, 1000, 10, 3, true);
    static final Sizes CI = new Sizes(2000, 4, 5000, 1500, 0, 0, 2, 1000, 5, 1, true);

    static Sizes named(String name) {
        return switch (name) {
            case "full" -> FULL;
            case "ci" -> CI;
            default -> throw new IllegalArgumentException("size must be full or ci, found: " + name);
        };
    }

    int kills() {
        return snapshotKills + rebuildKills + liveKills;
    }
}
