package dev.reproject.aws.s3;

import dev.reproject.aws.ArchiveStores;
import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@link S3ArchiveStore} and {@link ArchiveStores#open} against a real S3 server (the sandbox's S3Proxy). Every test
 * uses a bucket of its own, and checks what the store did with a plain S3 client, never with the store itself.
 */
@ExtendWith(LocalServersExtension.class)
class S3ArchiveStoreIT {

    private static final int MIB = 1024 * 1024;
    private static final String PREFIX = "archive";

    private final AwsSettings settings;
    private final S3Client s3;
    private final String bucket = "it-" + UUID.randomUUID();

    S3ArchiveStoreIT(LocalServers servers) {
        settings = new AwsSettings(Optional.empty(), Optional.of(servers.s3Endpoint()), servers.region(),
                credentials(servers.credentials().accessKeyId(), servers.credentials().secretAccessKey()));
        s3 = AwsClients.s3(settings);
    }

    @AfterEach
    void closeClient() {
        s3.close();
    }

    @Nested
    class WriteAndRead {

        @Test
        void writingCreatesTheMissingBucketWhenAskedTo() throws Exception {
            S3ArchiveStore store = store("s3a://" + bucket + "/" + PREFIX);
            assertThat(bucketNames()).doesNotContain(bucket);

            store.write("topics/orders/a.json", utf8("{\"id\":1}\n"));

            assertThat(bucketNames()).contains(bucket);
            assertThat(rawObject(PREFIX + "/topics/orders/a.json")).isEqualTo(utf8("{\"id\":1}\n"));
        }

        @Test
        void otherwiseWritingToAMissingBucketIsNotFoundNamingIt_andCreatesNothing() throws Exception {
            String root = "s3a://" + bucket + "/" + PREFIX;
            try (ArchiveStore opened = ArchiveStores.open(root, settings)) {
                for (ArchiveStore store : List.of(new S3ArchiveStore(root, s3), opened)) {
                    assertThatThrownBy(() -> store.write("topics/orders/a.json", utf8("{\"id\":1}\n")))
                            .isInstanceOf(NotFoundException.class)
                            .hasMessageContaining("bucket '" + bucket + "'")
                            .hasMessageContaining(root)
                            .hasMessageContaining("--create-bucket");
                }
            }
            assertThat(bucketNames()).doesNotContain(bucket);
        }

        @Test
        void anExistingBucketIsWrittenWithoutBeingCreated() throws Exception {
            s3.createBucket(b -> b.bucket(bucket));
            S3ArchiveStore store = new S3ArchiveStore("s3a://" + bucket + "/" + PREFIX, s3);

            store.write("a.json", utf8("a"));

            assertThat(rawObject(PREFIX + "/a.json")).isEqualTo(utf8("a"));
        }

        @Test
        void gzipBytesComeBackUnchanged() throws Exception {
            S3ArchiveStore store = store("s3a://" + bucket + "/" + PREFIX);
            String lines = "{\"orderId\":1,\"state\":\"APPROVED\"}\n{\"orderId\":2,\"state\":\"REJECTED\"}\n";
            byte[] gzip = gzip(lines);

            store.write("topics/orders/partition=0/orders+0+0000000000.json.gz", gzip);

            byte[] read = store.read("topics/orders/partition=0/orders+0+0000000000.json.gz");
            assertThat(read).isEqualTo(gzip);
            assertThat(gunzip(read)).isEqualTo(lines);
            assertThat(rawObject(PREFIX + "/topics/orders/partition=0/orders+0+0000000000.json.gz")).isEqualTo(gzip);
        }

        @Test
        void aSixMibObjectComesBackUnchanged() throws Exception {
            S3ArchiveStore store = store("s3a://" + bucket + "/" + PREFIX);
            byte[] big = new byte[6 * MIB];
            new Random(42).nextBytes(big);

            store.write("big.bin", big);

            byte[] read = store.read("big.bin");
            assertThat(read).hasSize(6 * MIB);
            assertThat(sha256(read)).isEqualTo(sha256(big));
        }

        @Test
        void existsOnlyForWrittenObjects() throws Exception {
            S3ArchiveStore store = store("s3a://" + bucket + "/" + PREFIX);
            assertThat(store.exists("a.json")).as("in a missing bucket").isFalse();

            store.write("a.json", utf8("a"));

            assertThat(store.exists("a.json")).isTrue();
            assertThat(store.exists("b.json")).isFalse();
            assertThat(store.exists("a.js")).as("a key prefix is not an object").isFalse();
        }

        @Test
        void aMissingKeyIsFileNotFoundNamingTheObject() throws Exception {
            S3ArchiveStore store = store("s3a://" + bucket + "/" + PREFIX);
            store.write("a.json", utf8("a"));

            assertThatThrownBy(() -> store.read("missing.json"))
                    .isInstanceOf(FileNotFoundException.class)
                    .hasMessage("s3://" + bucket + "/" + PREFIX + "/missing.json");
        }

        @Test
        void aKeyInAMissingBucketIsFileNotFoundAndCreatesNoBucket() throws Exception {
            S3ArchiveStore store = store("s3a://" + bucket + "/" + PREFIX);

            assertThatThrownBy(() -> store.read("a.json"))
                    .isInstanceOf(FileNotFoundException.class)
                    .hasMessage("s3://" + bucket + "/" + PREFIX + "/a.json");
            assertThat(store.list("")).isEmpty();
            assertThat(bucketNames()).doesNotContain(bucket);
        }
    }

    @Nested
    class Listing {

        private static final int ORDERS = 1_050;
        private static final int PAYMENTS = 60;

        @Test
        void listsMoreThanOnePageSortedAndRelativeToTheRoot() throws Exception {
            S3ArchiveStore store = store("s3a://" + bucket + "/" + PREFIX);
            List<String> orders = connectFiles("orders", ORDERS);
            List<String> payments = connectFiles("payments", PAYMENTS);
            List<String> all = new ArrayList<>(orders);
            all.addAll(payments); // "topics/orders/..." < "topics/payments/...", and offsets are zero-padded
            writeConcurrently(store, all);
            s3.putObject(b -> b.bucket(bucket).key("elsewhere/x.json"),
                    RequestBody.fromBytes(utf8("outside the root")));

            ListObjectsV2Response firstPage = s3.listObjectsV2(b -> b.bucket(bucket).prefix(PREFIX + "/"));
            assertThat(firstPage.isTruncated()).as("the server pages (else this test proves nothing)").isTrue();

            assertThat(store.list("")).containsExactlyElementsOf(all);
            assertThat(store.list("topics/orders/")).containsExactlyElementsOf(orders);
            assertThat(store.list("topics/payments/")).containsExactlyElementsOf(payments);
            assertThat(store.list("topics/refunds/")).isEmpty();
        }

        /** Kafka Connect S3 sink names: {@code topics/T/partition=0/T+0+OFFSET.json}, offset zero-padded. */
        private List<String> connectFiles(String topic, int count) {
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                paths.add(String.format("topics/%s/partition=0/%s+0+%010d.json", topic, topic, i * 10L));
            }
            return paths;
        }

        private void writeConcurrently(ArchiveStore store, List<String> paths) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> writes = new ArrayList<>();
                for (String path : paths) {
                    writes.add(pool.submit(() -> {
                        store.write(path, utf8(path));
                        return null;
                    }));
                }
                for (Future<?> write : writes) {
                    write.get(2, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class Roots {

        @Test
        void prefixRootsSeeOnlyTheirOwnKeysAsRelativePaths() throws Exception {
            S3ArchiveStore deep = store("s3a://" + bucket + "/a/b");
            S3ArchiveStore shallow = store("s3://" + bucket + "/a");
            S3ArchiveStore sibling = store("s3://" + bucket + "/ab/");
            S3ArchiveStore whole = store("s3://" + bucket);

            deep.write("x.json", utf8("x"));
            shallow.write("y.json", utf8("y"));
            sibling.write("z.json", utf8("z"));

            assertThat(deep.list("")).containsExactly("x.json");
            assertThat(shallow.list("")).containsExactly("b/x.json", "y.json");
            assertThat(sibling.list("")).containsExactly("z.json");
            assertThat(whole.list("")).containsExactly("a/b/x.json", "a/y.json", "ab/z.json");
            assertThat(deep.exists("y.json")).isFalse();
            assertThat(shallow.exists("z.json")).isFalse();
            assertThat(shallow.read("b/x.json")).isEqualTo(utf8("x"));
            assertThat(rawObject("ab/z.json")).isEqualTo(utf8("z"));
        }

        @Test
        void openedS3aAndS3RootsShareTheSameObjects() throws Exception {
            try (ArchiveStore s3a = ArchiveStores.open("s3a://" + bucket + "/" + PREFIX, settings,
                    MissingBucket.CREATE);
                 ArchiveStore s3 = ArchiveStores.open("s3://" + bucket + "/" + PREFIX + "/", settings)) {
                assertThat(s3a).isInstanceOf(S3ArchiveStore.class);
                assertThat(s3).isInstanceOf(S3ArchiveStore.class);

                s3a.write("topics/orders/a.json", utf8("from s3a"));
                s3.write("topics/orders/b.json", utf8("from s3"));

                assertThat(s3.read("topics/orders/a.json")).isEqualTo(utf8("from s3a"));
                assertThat(s3a.read("topics/orders/b.json")).isEqualTo(utf8("from s3"));
                assertThat(s3a.list("")).containsExactly("topics/orders/a.json", "topics/orders/b.json");
                assertThat(s3.list("topics/")).isEqualTo(s3a.list("topics/"));
            }
            assertThat(rawObject(PREFIX + "/topics/orders/a.json")).isEqualTo(utf8("from s3a"));
        }
    }

    @Nested
    class WrongSecret {

        @Test
        void everyCallFailsWithAnIOExceptionInsteadOfHanging() throws Exception {
            String root = "s3a://" + bucket + "/" + PREFIX;
            store(root).write("a.json", utf8("a"));
            AwsSettings wrong = settings.withCredentials(credentials(
                    settings.credentials().resolveCredentials().accessKeyId(), "not-the-secret"));

            try (ArchiveStore store = ArchiveStores.open(root, wrong)) {
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                    assertThatThrownBy(() -> store.read("a.json"))
                            .isInstanceOf(IOException.class)
                            .isNotInstanceOf(FileNotFoundException.class)
                            .hasMessageContaining("s3://" + bucket + "/" + PREFIX + "/a.json");
                    assertThatThrownBy(() -> store.exists("a.json")).isInstanceOf(IOException.class);
                    assertThatThrownBy(() -> store.list("")).isInstanceOf(IOException.class);
                    assertThatThrownBy(() -> store.write("b.json", utf8("b"))).isInstanceOf(IOException.class);
                });
            }
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).hasSize(1);
        }
    }

    /** A store on the test's client: the test closes the client, so the store need not be closed. */
    /** A store that creates its bucket, as {@code generate --create-bucket} does. */
    private S3ArchiveStore store(String root) {
        return new S3ArchiveStore(root, s3, MissingBucket.CREATE);
    }

    private List<String> bucketNames() {
        return s3.listBuckets().buckets().stream().map(Bucket::name).toList();
    }

    private byte[] rawObject(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    private static StaticCredentialsProvider credentials(String accessKeyId, String secretAccessKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(utf8(text));
        }
        return bytes.toByteArray();
    }

    private static String gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
