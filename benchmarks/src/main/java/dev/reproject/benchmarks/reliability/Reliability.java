package dev.reproject.benchmarks.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The reliability scenarios of server faults and kill points, run against the sandbox's real servers with every
 * command in its own JVM:
 * {@code Reliability server-faults|kill-points|races|all WORK_DIR [full|ci] [SEED]}. Prints one line of figures per
 * scenario; exit 1 if a scenario failed or lost or applied twice anything.
 */
public final class Reliability {

    private Reliability() {
    }

    /** Runs the scenario group; the figures, or an exception naming what failed. */
    static Figures run(String scenario, Path dir, Sizes sizes, long seed) throws Exception {
        System.out.printf("reliability %s, sizes %s, seed %d (repeat with the same seed: same kill points)%n",
                scenario, sizes, seed);
        Random random = new Random(seed);
        Figures figures = new Figures();
        long started = System.nanoTime();
        try (Rig rig = Rig.prepare(Files.createDirectories(dir), sizes, seed)) {
            switch (scenario) {
                case "server-faults" -> ServerFaults.run(rig, figures, sizes);
                case "kill-points" -> KillPoints.run(rig, figures, sizes, random);
                case "races" -> Races.run(rig, figures, sizes);
                case "all" -> {
                    ServerFaults.run(rig, figures, sizes);
                    KillPoints.run(rig, figures, sizes, random);
                    Races.run(rig, figures, sizes);
                }
                case "ci" -> {
                    ServerFaults.run(rig, figures, sizes);
                    KillPoints.run(rig, figures, sizes, random);
                }
                default -> throw new IllegalArgumentException(
                        "scenario must be server-faults, kill-points, races or all, found: " + scenario);
            }
        } finally {
            System.out.printf("%n%s%nreliability %s: %.0f s in all, seed %d%n", figures.table(), scenario,
                    Scenarios.seconds(started), seed);
        }
        return figures;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Reliability server-faults|kill-points|races|all WORK_DIR [full|ci] [SEED]");
            System.exit(2);
        }
        Sizes sizes = Sizes.named(args.length > 2 ? args[2] : "full");
        long seed = args.length > 3 ? Long.parseLong(args[3]) : System.nanoTime();
        Figures figures = run(args[0], Path.of(args[1]), sizes, seed);
        System.exit(figures.clean() ? 0 : 1);
    }
}
