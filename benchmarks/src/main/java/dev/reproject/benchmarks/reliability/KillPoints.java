package dev.reproject.benchmarks.reliability;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * Commands killed with SIGKILL at points drawn from a seeded {@link Random}, each followed by a rerun of the same
 * command that must end in exactly the expected state:
 * <ul>
 *   <li><b>snapshot</b>, into a fresh snapshots root, killed at a random fraction (10–95%) of the reference
 *   snapshot's wall time: the rerun's committed snapshot must have the rows of the uninterrupted one.</li>
 *   <li><b>rebuild</b>, into a fresh table, killed at a random point: a quarter of them before the load (at a
 *   fraction of the reference snapshot's wall time), the others once the table holds a random fraction (0–90%) of
 *   the items: the rerun must leave exactly the items the archive gives and one catalog entry, LOADED.</li>
 *   <li><b>live</b>, on one rebuilt table: before each kill more orders are produced; live is killed once its
 *   committed offsets pass a random fraction (5–60%) of them, plus a random delay of up to 1.5 s (so kills land
 *   in the middle of a batch whose writes had begun); the rerun with {@code --until-caught-up} must leave exactly
 *   the items every record in the topic gives.</li>
 * </ul>
 * The seed reproduces the points (fractions and delays); the state a kill meets also depends on the machine's
 * speed, so the logs say where each one landed.
 */
final class KillPoints {

    static final String LIVE_TABLE = "kill-live";
    private static final long MINUTES = 10;
    private static final int MAX_LIVE_DELAY_MILLIS = 1500;

    private KillPoints() {
    }

    static void run(Rig rig, Figures figures, Sizes sizes, Random random) throws Exception {
        snapshots(rig, figures.line("kill-snapshot"), sizes.snapshotKills(), random);
        rebuilds(rig, figures.line("kill-rebuild"), sizes, random);
        live(rig, figures.line("kill-live"), sizes, random);
    }

    static void snapshots(Rig rig, Figures.Line line, int kills, Random random) throws Exception {
        long started = System.nanoTime();
        Path dir = Scenarios.dir(rig, "kill-snapshot");
        for (int i = 0; i < kills; i++) {
            double fraction = 0.10 + 0.85 * random.nextDouble();
            String snapshots = "s3a://snapshots/kill-" + i;
            Child run = rig.snapshot(dir, "snapshot-" + i, snapshots);
            killAt(run, fraction * rig.referenceSnapshotSeconds(), line);
            line.records += rig.archivedRecords();
            String left = rig.manifests(snapshots).isEmpty() ? "no manifest" : "a committed manifest";
            Child again = rig.snapshot(dir, "snapshot-" + i + "-rerun", snapshots);
            again.awaitSuccess(MINUTES);
            line.ran(again);
            line.records += rig.archivedRecords();
            Check check = Check.rows(rig.referenceRows(), rig.snapshotRows(snapshots));
            line.items = check.actual();
            line.note("kill %d at %.0f%% of the reference's %.1f s (%s, left %s); rerun in %.1f s", i,
                    fraction * 100, rig.referenceSnapshotSeconds(), run.killed() ? "killed" : "had ended", left,
                    again.secondsRunning());
            line.checked(check);
        }
        line.seconds = Scenarios.seconds(started);
    }

    static void rebuilds(Rig rig, Figures.Line line, Sizes sizes, Random random) throws Exception {
        long started = System.nanoTime();
        Path dir = Scenarios.dir(rig, "kill-rebuild");
        var expected = rig.archived().items();
        for (int i = 0; i < sizes.rebuildKills(); i++) {
            // below 0: before the load, at a fraction of the reference snapshot's time (Spark starting, reading,
            // folding); above: once the table holds that fraction of the items
            double point = -0.3 + 1.2 * random.nextDouble();
            String table = "kill-rebuild-" + i;
            Child run = rig.rebuild(dir, "rebuild-" + i, table, sizes.rebuildWriteRate());
            String where;
            if (point < 0) {
                where = String.format("%.1f s into the run", -point / 0.3 * rig.referenceSnapshotSeconds());
                killAt(run, -point / 0.3 * rig.referenceSnapshotSeconds(), line);
            } else {
                long items = Math.round(point * expected.size());
                where = String.format("once %,d items were loaded", items);
                while (run.isAlive() && rig.count(table) < items) {
                    Thread.sleep(50);
                }
                killAt(run, 0, line);
            }
            line.records += rig.archivedRecords();
            long loaded = rig.count(table);
            Child again = rig.rebuild(dir, "rebuild-" + i + "-rerun", table, sizes.rebuildWriteRate());
            again.awaitSuccess(MINUTES);
            line.ran(again);
            line.records += rig.archivedRecords();
            Check check = Check.items(expected, rig.scan(table));
            line.items = check.actual();
            line.note("kill %d %s (%s after %.1f s with %,d of %,d items in the table); rerun in %.1f s", i, where,
                    run.killed() ? "killed" : "had ended", run.secondsRunning(), loaded, expected.size(),
                    again.secondsRunning());
            line.checked(check);
            ServerFaults.requireLoaded(rig, table);
            rig.loaded(table);
        }
        line.seconds = Scenarios.seconds(started);
    }

    static void live(Rig rig, Figures.Line line, Sizes sizes, Random random) throws Exception {
        long started = System.nanoTime();
        Path dir = Scenarios.dir(rig, "kill-live");
        String table = rig.liveTable(dir, LIVE_TABLE, line);
        String group = rig.consumerGroup(table);
        Map<Integer, Long> starts = rig.liveStarts(table);
        for (int i = 0; i < sizes.liveKills(); i++) {
            long from = rig.topic.committedTotal(group, starts);
            long produced = rig.produceMore(sizes.killLiveOrders());
            long end = rig.records();
            double fraction = 0.05 + 0.55 * random.nextDouble();
            long delay = random.nextInt(MAX_LIVE_DELAY_MILLIS);
            long target = from + Math.round(fraction * (end - from));
            Child run = rig.live(dir, "live-" + i, table, false);
            long committed;
            while ((committed = rig.topic.committedTotal(group, starts)) < target) {
                Scenarios.require(run.isAlive(), "live ended (exit %s) before its kill point; log:%n%s",
                        run.isAlive() ? "-" : run.await(0), run.tail());
                Thread.sleep(20);
            }
            Thread.sleep(delay);
            run.kill();
            line.ran(run);
            Scenarios.require(run.killed(), "live %d was not running at its kill point", i);
            line.kills++;
            long atKill = rig.topic.committedTotal(group, starts);
            Child again = rig.live(dir, "live-" + i + "-rerun", table, true);
            again.awaitSuccess(MINUTES);
            line.ran(again);
            line.records += end - from;
            Check check = Check.items(rig.everyRecord().items(), rig.scan(table));
            line.items = check.actual();
            line.note("kill %d: %,d records produced; killed %d ms after %,d of %,d records to consume were committed"
                    + " (%,d committed at the kill%s); rerun in %.1f s", i, produced, delay, committed - from,
                    end - from, atKill - from, atKill >= end ? ", caught up" : "", again.secondsRunning());
            line.checked(check);
        }
        line.seconds = Scenarios.seconds(started);
    }

    /** Kills {@code run} {@code seconds} after its start unless it ended before (then it must have succeeded). */
    private static void killAt(Child run, double seconds, Figures.Line line) throws InterruptedException {
        while (run.isAlive() && run.secondsRunning() < seconds) {
            Thread.sleep(20);
        }
        run.kill();
        line.ran(run);
        if (run.killed()) {
            line.kills++;
        } else {
            int exit = run.await(0);
            Scenarios.require(exit == 0, "%s ended with %d before its kill point; log:%n%s", run.name(), exit,
                    run.tail());
        }
    }

    public static void main(String[] args) throws Exception {
        Reliability.main(Scenarios.withScenario("kill-points", args));
    }
}
