package dev.reproject.benchmarks.reliability.input;

import dev.reproject.benchmarks.reliability.OrderMessages;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import static dev.reproject.benchmarks.reliability.OrderMessages.TOPIC;
import static dev.reproject.benchmarks.reliability.OrderMessages.orderAuthorized;
import static dev.reproject.benchmarks.reliability.OrderMessages.orderCreated;

/**
 * The bad-input archive, written to S3 in the Kafka Connect layout under {@code s3://BUCKET/archive/}, one kind of
 * trouble per partition of the Order topic so that none hides another:
 * <ul>
 * <li>partition 0: a line for each line-level reject reason, an OrderCreated whose restaurant name holds bytes
 * that are not UTF-8 (applied, with U+FFFD), a line of binary garbage ({@code not-json}); and a corrupt gzip copy
 * of the file ({@code unreadable-file});</li>
 * <li>partition 1: a 50 MB line between two good ones ({@code record-too-large});</li>
 * <li>partition 2: the gzip bomb, a {@code .json.gz} whose middle line inflates to {@code bombBytes};</li>
 * <li>partition 3: a good file and a re-delivered copy of it that vanishes between listing and reading (the fault
 * proxy deletes it at its first read: {@code unreadable-file}).</li>
 * </ul>
 * Under {@code s3://BUCKET/denied/}: a good partition 0 and a partition 1 the store answers 403 for.
 */
final class ArchiveCorpus {

    static final String BUCKET = "corpus";
    static final String ARCHIVE = "archive";
    static final String DENIED = "denied";
    static final String VANISHING = "archive/redelivered/";
    static final String DENIED_FILE = TOPIC + "+1+0000000000.json";
    static final long FIFTY_MB = 50L * 1000 * 1000;
    static final int RECORD_TOO_LARGE_BYTES = 9 * 1024 * 1024;

    /** Items the corpus must give, each with its orderStatus; o-utf8's restaurant name holds U+FFFD. */
    static final Map<String, String> ITEMS = Map.of("o-0", "APPROVED", "o-utf8", "APPROVAL_PENDING", "o-1", "APPROVED",
            "o-2", "APPROVED", "o-3", "APPROVED");

    /** Rejects by reason the snapshot must count. */
    static final Map<String, Long> REJECTS = new TreeMap<>(Map.of("not-json", 2L, "missing-header", 1L,
            "bad-payload", 1L, "invalid-event", 1L, "invalid-update", 1L, "item-too-large", 1L,
            "record-too-large", 3L, "unreadable-file", 2L));

    private ArchiveCorpus() {
    }

    /** Writes it; returns the gzip bomb's compressed size. */
    static long write(S3Client s3, Path work, long bombBytes) throws IOException {
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
        long seq = 1;
        byte[] reasons = lines(
                orderCreated(seq++, "o-0", "Ajanta", "Chicken Vindaloo"),
                orderCreated(seq++, "o-nj", "Ajanta", "Dal").substring(0, 60),
                orderCreated(seq++, "o-mh", "Ajanta", "Dal").replace("\"event-aggregate-id\"", "\"x\""),
                OrderMessages.message(seq++, OrderMessages.ORDER_CREATED, "o-bp", "[1,2]"),
                OrderMessages.orderCreatedWithoutLineItems(seq++, "o-ie"),
                orderCreated(seq++, "o".repeat(2100), "Ajanta", "Dal"), // hash key over 2,048 bytes
                orderCreated(seq++, "o-big", "Ajanta", "N".repeat(420_000)),
                orderCreated(seq++, "o-huge", "Ajanta", "H".repeat(RECORD_TOO_LARGE_BYTES)));
        byte[] notUtf8 = orderCreated(seq++, "o-utf8", "Caf@@ Ol@@", "Tea").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream p0 = new ByteArrayOutputStream();
        p0.write(reasons);
        p0.write(replace(notUtf8, "@@", new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xFF}));
        p0.write('\n');
        p0.write(new byte[]{(byte) 0xFF, (byte) 0xFE, 0, (byte) 0x80, (byte) 0xC0, '\n'});
        p0.write(lines(orderAuthorized(seq++, "o-0")));
        put(s3, ARCHIVE + "/topics/" + TOPIC + "/partition=0/" + TOPIC + "+0+0000000000.json", p0.toByteArray());
        byte[] gz = gzip(p0.toByteArray());
        put(s3, ARCHIVE + "/copy/" + TOPIC + "/partition=0/" + TOPIC + "+0+0000000000.json.gz",
                Arrays.copyOf(gz, gz.length / 2));

        Path fifty = work.resolve("fifty-mb.json");
        try (OutputStream out = Files.newOutputStream(fifty)) {
            out.write(lines(orderCreated(seq++, "o-1", "Ajanta", "Dal")));
            byte[] block = new byte[1_000_000];
            Arrays.fill(block, (byte) 'y');
            for (long i = 0; i < FIFTY_MB / block.length; i++) {
                out.write(block);
            }
            out.write('\n');
            out.write(lines(orderAuthorized(seq++, "o-1")));
        }
        s3.putObject(b -> b.bucket(BUCKET).key(ARCHIVE + "/topics/" + TOPIC + "/partition=1/" + TOPIC
                + "+1+0000000000.json"), RequestBody.fromFile(fifty));
        Files.delete(fifty);

        Path bomb = work.resolve("bomb.json.gz");
        long compressed = GzipBomb.write(bomb, orderCreated(seq++, "o-2", "Ajanta", "Dal"), bombBytes,
                orderAuthorized(seq++, "o-2"));
        s3.putObject(b -> b.bucket(BUCKET).key(ARCHIVE + "/topics/" + TOPIC + "/partition=2/" + TOPIC
                + "+2+0000000000.json.gz"), RequestBody.fromFile(bomb));
        Files.delete(bomb);

        byte[] p3 = lines(orderCreated(seq++, "o-3", "Ajanta", "Dal"), orderAuthorized(seq++, "o-3"));
        put(s3, ARCHIVE + "/topics/" + TOPIC + "/partition=3/" + TOPIC + "+3+0000000000.json", p3);
        put(s3, VANISHING + TOPIC + "/partition=3/" + TOPIC + "+3+0000000000.json", p3);

        put(s3, DENIED + "/topics/" + TOPIC + "/partition=0/" + TOPIC + "+0+0000000000.json",
                lines(orderCreated(seq++, "d-0", "Ajanta", "Dal")));
        put(s3, DENIED + "/topics/" + TOPIC + "/partition=1/" + DENIED_FILE,
                lines(orderCreated(seq, "d-1", "Ajanta", "Dal")));
        return compressed;
    }

    private static void put(S3Client s3, String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }

    private static byte[] lines(String... lines) {
        return (String.join("\n", List.of(lines)) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** {@code bytes} with the n-th occurrence of {@code marker} replaced by the n-th replacement. */
    static byte[] replace(byte[] bytes, String marker, byte[]... replacements) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (byte[] replacement : replacements) {
            text = text.replaceFirst(marker, new String(replacement, StandardCharsets.ISO_8859_1));
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
