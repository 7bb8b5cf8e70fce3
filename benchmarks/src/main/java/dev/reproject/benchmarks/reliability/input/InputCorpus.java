package dev.reproject.benchmarks.reliability.input;

import dev.reproject.benchmarks.reliability.Checks;
import dev.reproject.sandbox.LocalServers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The bad-input corpus of the reliability suite (RELIABILITY.md), through the real commands on local
 * servers: {@link SnapshotCorpus} (snapshot and rebuild from S3Proxy behind the fault proxy, and the 403 file) and
 * {@link LiveBadRecords} (live on the real broker).
 *
 * <p>Arguments: {@code WORK_DIR [BOMB_BYTES] [HEAP]}, e.g. {@code /tmp/rel 2147483648 768m}. Prints every check and
 * figure; exits 1 if a check failed.
 */
public final class InputCorpus {

    public static final long FULL_BOMB_BYTES = 2L << 30;

    private InputCorpus() {
    }

    /** Runs every scenario on its own servers under {@code work}; the checks and figures. */
    public static Checks run(Path work, long bombBytes, String heap) throws Exception {
        Files.createDirectories(work);
        try (LocalServers servers = LocalServers.create(work.resolve("sandbox"))) {
            return run(servers, work, bombBytes, heap);
        }
    }

    /** Runs every scenario on {@code servers}, files under {@code work}. */
    public static Checks run(LocalServers servers, Path work, long bombBytes, String heap) throws Exception {
        Files.createDirectories(work);
        Checks checks = new Checks();
        long started = System.nanoTime();
        servers.s3Endpoint();
        servers.dynamoDbEndpoint();
        servers.kafkaBootstrapServers();
        new SnapshotCorpus(servers, work, heap, checks).run(bombBytes);
        new LiveBadRecords(servers, work, heap, checks).run();
        checks.figure("corpus", String.format(Locale.ROOT, "all scenarios in %.1f s", (System.nanoTime() - started)
                / 1e9));
        return checks;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: InputCorpus WORK_DIR [BOMB_BYTES] [HEAP]");
            System.exit(2);
        }
        long bomb = args.length > 1 ? Long.parseLong(args[1]) : FULL_BOMB_BYTES;
        String heap = args.length > 2 ? args[2] : "768m";
        Checks checks = run(Path.of(args[0]), bomb, heap);
        System.out.print(checks.report());
        System.out.println(checks.failed().isEmpty() ? "corpus: every check held"
                : "corpus: " + checks.failed().size() + " checks FAILED");
        System.exit(checks.failed().isEmpty() ? 0 : 1);
    }
}
