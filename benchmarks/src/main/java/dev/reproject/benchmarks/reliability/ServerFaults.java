package dev.reproject.benchmarks.reliability;

import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.sandbox.RestartableServers.Server;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A server fails under a running command, then comes back on the same port (with the same data dir):
 * <ul>
 *   <li><b>S3</b> (S3Proxy) stopped while {@code snapshot} writes: that run must fail (non-zero) and commit no
 *   manifest; once S3 is back, the same command commits a snapshot with the rows of an uninterrupted one.</li>
 *   <li><b>DynamoDB</b> (dynalite) killed while {@code rebuild} loads, and started again at once, empty (in memory:
 *   table and catalog gone): the same command run again must load the whole table, exactly the items the
 *   archive gives, and end LOADED.</li>
 *   <li><b>Kafka</b> (the broker) stopped while {@code live} consumes and started again after a pause: live
 *   waits and carries on, or exits non-zero and is run again; the table must then hold exactly the items every
 *   record of the topic gives.</li>
 * </ul>
 */
final class ServerFaults {

    static final String DYNAMO_TABLE = "fault-rebuild";
    static final String KAFKA_TABLE = "fault-live";
    private static final long MINUTES = 10;

    private ServerFaults() {
    }

    static void run(Rig rig, Figures figures, Sizes sizes) throws Exception {
        s3DuringSnapshot(rig, figures.line("s3-during-snapshot"));
        dynamoDuringRebuild(rig, figures.line("dynamodb-during-rebuild"), sizes);
        kafkaDuringLive(rig, figures.line("kafka-during-live"), sizes);
    }

    static void s3DuringSnapshot(Rig rig, Figures.Line line) throws Exception {
        long started = System.nanoTime();
        Path dir = Scenarios.dir(rig, "s3-fault");
        String snapshots = "s3a://snapshots/s3-fault";
        Child run = rig.snapshot(dir, "snapshot-faulted", snapshots);
        while (!rig.anyObject(snapshots)) {
            Scenarios.require(run.isAlive(), "the snapshot ended (exit %s) before it wrote anything; log:%n%s",
                    run.isAlive() ? "-" : run.await(0), run.tail());
            Thread.sleep(50);
        }
        double at = run.secondsRunning();
        rig.servers.stop(Server.S3);
        line.serverFaults++;
        int exit = run.await(MINUTES);
        line.ran(run);
        line.records += rig.archivedRecords();
        line.note("S3 stopped %.1f s into the run (its first object written); the run exited %d after %.1f s: %s",
                at, exit, run.secondsRunning(), run.lastError());
        Scenarios.require(exit != 0, "the snapshot run exited 0 with S3 stopped under it");
        rig.servers.start(Server.S3);
        List<String> manifests = rig.manifests(snapshots);
        Scenarios.require(manifests.isEmpty(), "the failed run committed %s", manifests);

        Child again = rig.snapshot(dir, "snapshot-rerun", snapshots);
        again.awaitSuccess(MINUTES);
        line.ran(again);
        line.records += rig.archivedRecords();
        Check check = Check.rows(rig.referenceRows(), rig.snapshotRows(snapshots));
        line.items = check.actual();
        line.checked(check);
        line.seconds = Scenarios.seconds(started);
    }

    static void dynamoDuringRebuild(Rig rig, Figures.Line line, Sizes sizes) throws Exception {
        long started = System.nanoTime();
        Path dir = Scenarios.dir(rig, "dynamodb-fault");
        Map<String, ?> expected = rig.archived().items();
        int writeRate = sizes.rebuildWriteRate();
        Child run = rig.rebuild(dir, "rebuild-faulted", DYNAMO_TABLE, writeRate);
        long count;
        while ((count = rig.count(DYNAMO_TABLE)) < expected.size() / 4) {
            Scenarios.require(run.isAlive(), "the rebuild ended (exit %s) before it loaded a quarter; log:%n%s",
                    run.isAlive() ? "-" : run.await(0), run.tail());
            Thread.sleep(100);
        }
        double at = run.secondsRunning();
        rig.servers.kill(Server.DYNAMODB);
        rig.servers.start(Server.DYNAMODB);
        line.serverFaults++;
        int exit = run.await(MINUTES);
        line.ran(run);
        line.records += rig.archivedRecords();
        line.note("dynalite killed %.1f s into the rebuild with %,d of %,d items loaded, started again empty; the run"
                + " exited %d after %.1f s: %s", at, count, expected.size(), exit, run.secondsRunning(),
                run.lastError());
        if (exit == 0) {
            line.note("DEFECT? the rebuild exited 0 although DynamoDB lost its table and catalog under it: table now "
                    + "%,d items, entries %s", rig.count(DYNAMO_TABLE), rig.entries(DYNAMO_TABLE));
        }

        Child again = rig.rebuild(dir, "rebuild-rerun", DYNAMO_TABLE, writeRate);
        again.awaitSuccess(MINUTES);
        line.ran(again);
        line.records += rig.archivedRecords();
        Check check = Check.items(rig.archived().items(), rig.scan(DYNAMO_TABLE));
        line.items = check.actual();
        line.checked(check);
        requireLoaded(rig, DYNAMO_TABLE);
        rig.loaded(DYNAMO_TABLE);
        line.seconds = Scenarios.seconds(started);
    }

    static void kafkaDuringLive(Rig rig, Figures.Line line, Sizes sizes) throws Exception {
        long started = System.nanoTime();
        Path dir = Scenarios.dir(rig, "kafka-fault");
        String table = rig.liveTable(dir, KAFKA_TABLE, line);
        long produced = rig.produceMore(sizes.faultLiveOrders());
        Map<Integer, Long> starts = rig.liveStarts(table);
        long first = Topic.total(starts);
        long toConsume = rig.records() - first;
        String group = rig.consumerGroup(table);
        Child live = rig.live(dir, "live-faulted", table, true);
        long committed;
        while ((committed = rig.topic.committedTotal(group, starts)) < first + toConsume / 4) {
            Scenarios.require(live.isAlive(), "live ended (exit %s) before it consumed a quarter; log:%n%s",
                    live.isAlive() ? "-" : live.await(0), live.tail());
            Thread.sleep(20);
        }
        double at = live.secondsRunning();
        rig.servers.stop(Server.KAFKA);
        line.serverFaults++;
        Thread.sleep(sizes.kafkaDownSeconds() * 1000L);
        boolean aliveWhenBack = live.isAlive();
        rig.servers.start(Server.KAFKA);
        int exit = live.await(MINUTES);
        line.ran(live);
        line.records += toConsume;
        line.note("%,d records produced; broker stopped %.1f s into live with %,d of %,d records committed, started"
                + " again %d s later (live %s); live exited %d after %.1f s%s", produced, at, committed - first,
                toConsume, sizes.kafkaDownSeconds(), aliveWhenBack ? "still running" : "had exited", exit,
                live.secondsRunning(), exit == 0 ? "" : ": " + live.lastError());
        if (exit != 0) {
            Child again = rig.live(dir, "live-rerun", table, true);
            again.awaitSuccess(MINUTES);
            line.ran(again);
        }
        Check check = Check.items(rig.everyRecord().items(), rig.scan(table));
        line.items = check.actual();
        line.checked(check);
        line.seconds = Scenarios.seconds(started);
    }

    static void requireLoaded(Rig rig, String table) {
        List<RebuildEntry> entries = rig.entries(table);
        Scenarios.require(entries.size() == 1 && entries.get(0).status() == RebuildStatus.LOADED,
                "catalog entries of %s: %s, not one LOADED", table, entries);
    }

    public static void main(String[] args) throws Exception {
        Reliability.main(Scenarios.withScenario("server-faults", args));
    }
}
