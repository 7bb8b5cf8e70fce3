package dev.reproject.benchmarks.reliability;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Races between real command JVMs, as overlapping scheduled runs make them: two {@code rebuild}s of one table started
 * together, two {@code snapshot}s of one view and store started together, a {@code rebuild} started while
 * {@code live} writes the table. Each race must end with exactly one run proceeding and the other exiting 5 (busy)
 * having written nothing, and the result must be complete: the table equal to the expected items, one snapshot
 * committed with the reference's rows.
 *
 * <p>Started together is not the same as overlapping: a loaded machine can start one JVM late enough that the other
 * has finished. Each run's own start and end times tell; a pair that did not overlap is noted and both must then
 * have succeeded one after the other. The races run with {@code --lease-wait 0}, so a busy run exits at once.
 */
final class Races {

    private static final long MINUTES = 15;
    private static final int BUSY = 5;
    /** Slow enough that a rebuild lasts well beyond the other JVM's start. */
    private static final int RACE_WRITE_RATE = 200;

    private Races() {
    }

    static void run(Rig rig, Figures figures, Sizes sizes) throws Exception {
        for (int round = 1; round <= sizes.raceRounds(); round++) {
            rebuilds(rig, figures.line("race: 2 rebuilds"), round);
            snapshots(rig, figures.line("race: 2 snapshots"), round);
        }
        rebuildWhileLive(rig, figures.line("race: rebuild vs live"), sizes);
    }

    static void rebuilds(Rig rig, Figures.Line line, int round) throws Exception {
        long started = System.nanoTime();
        Path dir = Scenarios.dir(rig, "race-rebuilds-" + round);
        String table = "race-rebuild-" + round;
        Map<String, ?> expected = rig.archived().items();
        Child a = rig.rebuild(dir, "rebuild-a", table, RACE_WRITE_RATE, "--lease-wait", "0");
        Child b = rig.rebuild(dir, "rebuild-b", table, RACE_WRITE_RATE, "--lease-wait", "0");
        String outcome = outcome(a, b, line);
        line.records += rig.archivedRecords();
        Check check = Check.items(rig.archived().items(), rig.scan(table));
        line.items = check.actual();
        line.checked(check);
        ServerFaults.requireLoaded(rig, table);
        line.note("round %d: %s; %,d items expected", round, outcome, expected.size());
        line.seconds += Scenarios.seconds(started);
    }

    static void snapshots(Rig rig, Figures.Line line, int round) throws Exception {
        long started = System.nanoTime();
        Path dir = Scenarios.dir(rig, "race-snapshots-" + round);
        String snapshots = "s3a://snapshots/race-" + round;
        Child a = rig.snapshot(dir, "snapshot-a", snapshots, "--lease-wait", "0");
        Child b = rig.snapshot(dir, "snapshot-b", snapshots, "--lease-wait", "0");
        String outcome = outcome(a, b, line);
        List<String> manifests = rig.manifests(snapshots);
        boolean overlapped = outcome.startsWith("one proceeded");
        // overlapping: exactly the winner's; one after the other: the second commits or finds nothing new
        Scenarios.require(overlapped ? manifests.size() == 1 : manifests.size() >= 1 && manifests.size() <= 2,
                "snapshot race %d: manifests %s after %s", round, manifests, outcome);
        line.records += rig.archivedRecords();
        Check check = Check.rows(rig.referenceRows(), rig.snapshotRows(snapshots));
        line.items = check.actual();
        line.checked(check);
        line.note("round %d: %s; manifests committed: %d", round, outcome, manifests.size());
        line.seconds += Scenarios.seconds(started);
    }

    static void rebuildWhileLive(Rig rig, Figures.Line line, Sizes sizes) throws Exception {
        long started = System.nanoTime();
        Path dir = Scenarios.dir(rig, "race-live");
        String table = rig.liveTable(dir, "race-live", line);
        long produced = rig.produceMore(sizes.faultLiveOrders());
        Map<Integer, Long> starts = rig.liveStarts(table);
        String group = rig.consumerGroup(table);
        long first = Topic.total(starts);
        Child live = rig.live(dir, "live", table, true);
        while (rig.topic.committedTotal(group, starts) <= first) { // live writes the table
            Scenarios.require(live.isAlive(), "live ended (exit %s) before it committed; log:%n%s",
                    live.isAlive() ? "-" : live.await(0), live.tail());
            Thread.sleep(20);
        }
        Child rebuild = rig.rebuild(dir, "rebuild", table, RACE_WRITE_RATE, "--lease-wait", "0");
        int rebuildExit = rebuild.await(MINUTES);
        line.ran(rebuild);
        boolean liveRanThrough = live.isAlive();
        live.awaitSuccess(MINUTES);
        line.ran(live);
        line.records += rig.records() - first;
        if (rebuildExit == BUSY) {
            line.refused++;
        }
        Scenarios.require(rebuildExit == BUSY || !liveRanThrough,
                "a rebuild started while live wrote the table exited %d, not 5; log:%n%s", rebuildExit,
                rebuild.tail());
        Check check = Check.items(rig.everyRecord().items(), rig.scan(table));
        line.items = check.actual();
        line.checked(check);
        line.note("%,d orders produced; a rebuild started while live wrote the table exited %d (%s); live went on "
                + "and caught up", produced, rebuildExit, rebuild.lastError());
        line.seconds += Scenarios.seconds(started);
    }

    /**
     * Waits for both; requires exactly one 0 and one 5 when their runs overlapped, else two 0s.
     *
     * @return what happened, for the figures
     */
    private static String outcome(Child a, Child b, Figures.Line line) {
        int exitA = a.await(MINUTES);
        int exitB = b.await(MINUTES);
        line.ran(a);
        line.ran(b);
        TreeSet<Integer> exits = new TreeSet<>(List.of(exitA, exitB));
        if (exits.equals(new TreeSet<>(List.of(0, BUSY)))) {
            Child busy = exitA == BUSY ? a : b;
            line.refused++;
            return "one proceeded, the other exited 5 after " + String.format("%.1f s", busy.secondsRunning())
                    + ": " + busy.lastError();
        }
        Scenarios.require(exitA == 0 && exitB == 0, "%s exited %d and %s exited %d; logs:%n%s%n%s", a.name(),
                exitA, b.name(), exitB, a.tail(), b.tail());
        line.note("both exited 0: the two JVMs did not overlap (started together, one finished before the other "
                + "asked for the lease)");
        return "no overlap, both proceeded one after the other";
    }

    public static void main(String[] args) throws Exception {
        Reliability.main(Scenarios.withScenario("races", args));
    }
}
