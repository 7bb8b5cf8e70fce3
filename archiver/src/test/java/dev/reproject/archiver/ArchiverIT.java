package dev.reproject.archiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reproject.archiver.cli.ArchiveCommand;
import dev.reproject.aws.ArchiveStores;
import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import dev.reproject.cli.api.CommandLines;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.sample.GenerationReport;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import dev.reproject.sandbox.SandboxCredentials;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Against the sandbox's real Kafka broker and S3 server: a generated FTGO archive (re-delivered copies, a corrupt
 * gzip file, malformed lines) is published to a fresh topic and archived back; the new archive must hold exactly
 * the unique readable records of the first, offset for offset. Both archives are read here with plain file IO.
 */
@ExtendWith(LocalServersExtension.class)
class ArchiverIT {

    private static final String ARCHIVED_TOPIC = "net.chrisrichardson.ftgo.orderservice.domain.Order";
    private static final int PARTITIONS = 4;
    private static final Pattern FILE_NAME = Pattern.compile("(.+)\\+(\\d+)\\+(\\d+)\\.json(\\.gz)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    private static LocalServers servers;
    private static LocalArchiveStore source;
    /** Per partition, offset → line: what a reader takes from the generated archive. */
    private static Map<Integer, TreeMap<Long, String>> expected;

    @BeforeAll
    static void generate(LocalServers localServers) throws IOException {
        servers = localServers;
        servers.kafkaBootstrapServers(); // start the broker now, not inside the first test's timing
        source = new LocalArchiveStore(shared.resolve("source").toString());
        GenerationReport report = OrderArchiveGenerator.generate(source, GeneratorOptions.builder()
                .orders(2_000).partitions(PARTITIONS).badFraction(0.01).recordsPerFile(300).build());
        assertThat(report.duplicates()).as("re-delivered lines").isPositive();
        assertThat(report.rejected(RejectReason.UNREADABLE_FILE)).as("corrupt files").isPositive();
        assertThat(report.rejected(RejectReason.NOT_JSON)).as("malformed lines").isPositive();

        expected = readArchive(listFiles(shared.resolve("source")), ARCHIVED_TOPIC);
        assertThat(expected).hasSize(PARTITIONS);
        expected.forEach((p, lines) -> {
            assertThat(lines.firstKey()).isZero();
            assertThat(lines.lastKey()).as("partition %d has no holes", p).isEqualTo(lines.size() - 1L);
            assertThat(lines.lastKey()).isEqualTo(report.endOffsets().get(new SourcePartition(ARCHIVED_TOPIC, p)));
        });
    }

    @Test
    void aPublishedArchiveArchivedInTwoStepsHoldsTheSameRecords(@TempDir Path dir) throws IOException {
        String topic = freshTopic("two-steps");
        PublishReport published = new ArchivePublisher(servers.kafkaBootstrapServers(), source)
                .publish(PublishRequest.of(ARCHIVED_TOPIC, topic));

        assertThat(published.topicCreated()).isTrue();
        assertThat(published.records()).isEqualTo(totalRecords());
        assertThat(published.partitions().values()).allSatisfy(p -> assertThat(p.firstKafkaOffset()).isZero());
        assertThat(published.partitions().values().stream().mapToLong(PartitionPublished::duplicateLines).sum())
                .isPositive();
        assertThat(published.partitions().values().stream().mapToInt(p -> p.unreadableFiles().size()).sum())
                .isPositive();
        assertThat(published.lastOffsets()).isEqualTo(lastOffsets());
        assertTopicHoldsTheArchive(topic);

        Map<SourcePartition, Long> half = new HashMap<>();
        expected.forEach((p, lines) -> half.put(new SourcePartition(topic, p), lines.size() / 2L));
        Path target = dir.resolve("archive");
        ArchiveReport first;
        ArchiveReport second;
        try (ArchiveStore store = new LocalArchiveStore(target.toString())) {
            TopicArchiver archiver = new TopicArchiver(servers.kafkaBootstrapServers(), store);
            first = archiver.archive(ArchiveRequest.of(topic).withRecordsPerFile(250).withUntilOffsets(half));
            second = archiver.archive(ArchiveRequest.of(topic).withRecordsPerFile(250));
        }

        half.forEach((tp, h) -> {
            assertThat(first.lastOffsets().get(tp)).isEqualTo(h - 1);
            assertThat(second.partitions().get(tp).fromOffset()).isEqualTo(h);
            assertThat(second.partitions().get(tp).files())
                    .allSatisfy(f -> assertThat(startOffset(f)).isGreaterThanOrEqualTo(h));
        });
        assertThat(first.records() + second.records()).isEqualTo(totalRecords());
        List<Path> files = listFiles(target);
        assertThat(files).hasSize(first.files().size() + second.files().size());
        assertThat(readArchive(files, topic)).isEqualTo(expected);
        assertFilesFollowEachOther(files);
    }

    @Test
    @SuppressWarnings("try") // the credentials' scope is only closed
    void anArchivePublishedInTwoHalvesIsArchivedToS3ByTheCommand() throws IOException {
        String topic = freshTopic("s3");
        ArchivePublisher publisher = new ArchivePublisher(servers.kafkaBootstrapServers(), source);
        Map<Integer, Long> half = new HashMap<>();
        expected.forEach((p, lines) -> half.put(p, lines.size() / 2L));
        PublishReport firstHalf = publisher.publish(PublishRequest.of(ARCHIVED_TOPIC, topic).withUntilOffsets(half));
        PublishReport secondHalf = publisher.publish(PublishRequest.of(ARCHIVED_TOPIC, topic).withFromOffsets(half));
        assertThat(firstHalf.records() + secondHalf.records()).isEqualTo(totalRecords());
        assertThat(secondHalf.topicCreated()).isFalse();
        half.forEach((p, h) -> assertThat(secondHalf.partitions().get(p).firstKafkaOffset()).isEqualTo(h));
        assertTopicHoldsTheArchive(topic);

        String root = "s3a://archiver-it/" + topic;
        // the command takes credentials from the AWS default chain, as a user's run does
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (SandboxCredentials.SystemPropertiesScope credentials = servers.credentials().inSystemProperties()) {
            CommandLine command = CommandLines.configure(new CommandLine(new ArchiveCommand()),
                    Map.of("REPROJECT_BOOTSTRAP_SERVERS", servers.kafkaBootstrapServers()));
            command.setOut(new PrintWriter(out));
            command.setErr(new PrintWriter(err));
            exit = command.execute("--archive", root, "--topic", topic, "--s3-endpoint",
                    servers.s3Endpoint().toString(),
                    "--gzip", "--records-per-file", "500", "--create-bucket", "--json");
        }
        assertThat(exit).as(err.toString()).isZero();
        JsonNode summary = JSON.readTree(out.toString());
        assertThat(summary.get("records").asLong()).isEqualTo(totalRecords());
        assertThat(summary.get("partitions").get(topic + "-0").get("lastOffset").asLong())
                .isEqualTo(expected.get(0).lastKey());

        Path copy = shared.resolve("from-s3-" + topic);
        AwsSettings settings = new AwsSettings(Optional.empty(), Optional.of(servers.s3Endpoint()), servers.region())
                .withStaticCredentials(servers.credentials().accessKeyId(), servers.credentials().secretAccessKey());
        try (ArchiveStore s3 = ArchiveStores.open(root, settings)) {
            for (String path : s3.list("")) {
                assertThat(path).startsWith("topics/" + topic + "/partition=").endsWith(".json.gz");
                Files.createDirectories(copy.resolve(path).getParent());
                Files.write(copy.resolve(path), s3.read(path));
            }
        }
        List<Path> files = listFiles(copy);
        assertThat(files).hasSize(summary.get("files").asInt());
        assertThat(readArchive(files, topic)).isEqualTo(expected);
        assertFilesFollowEachOther(files);
    }

    @Test
    @SuppressWarnings("try") // the credentials' scope is only closed
    void withoutCreateBucketAMissingBucketIsNotFoundAndNotCreated() throws IOException {
        String topic = freshTopic("no-bucket");
        new ArchivePublisher(servers.kafkaBootstrapServers(), source).publish(PublishRequest.of(ARCHIVED_TOPIC, topic));
        String bucket = "archiver-no-bucket";
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (SandboxCredentials.SystemPropertiesScope credentials = servers.credentials().inSystemProperties()) {
            CommandLine command = CommandLines.configure(new CommandLine(new ArchiveCommand()),
                    Map.of("REPROJECT_BOOTSTRAP_SERVERS", servers.kafkaBootstrapServers()));
            command.setOut(new PrintWriter(out));
            command.setErr(new PrintWriter(err));
            exit = command.execute("--archive", "s3a://" + bucket + "/" + topic, "--topic", topic,
                    "--s3-endpoint", servers.s3Endpoint().toString());
        }

        assertThat(exit).as(err.toString()).isEqualTo(4);
        assertThat(err.toString()).contains("the S3 bucket '" + bucket + "'", "does not exist", "--create-bucket");
        assertThat(out.toString()).isEmpty();
        AwsSettings settings = new AwsSettings(Optional.empty(), Optional.of(servers.s3Endpoint()), servers.region())
                .withStaticCredentials(servers.credentials().accessKeyId(), servers.credentials().secretAccessKey());
        try (S3Client s3 = AwsClients.s3(settings)) {
            assertThat(s3.listBuckets().buckets()).noneMatch(b -> b.name().equals(bucket));
        }
    }

    @Test
    void transactionMarkersAndAbortedRecordsStartNewFiles(@TempDir Path dir) throws Exception {
        String topic = freshTopic("transactions");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-tx");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            transaction(producer, topic, true, "a", "b", "c");  // offsets 0..2, marker 3
            transaction(producer, topic, false, "x", "y");      // 4..5 aborted, marker 6
            transaction(producer, topic, true, "d", "e");       // 7..8, marker 9
        }

        ArchiveReport report;
        try (ArchiveStore store = new LocalArchiveStore(dir.toString())) {
            report = new TopicArchiver(servers.kafkaBootstrapServers(), store).archive(ArchiveRequest.of(topic));
        }

        String directory = "topics/" + topic + "/partition=0/";
        assertThat(report.files()).containsExactly(
                directory + topic + "+0+0000000000.json", directory + topic + "+0+0000000007.json");
        assertThat(dir.resolve(report.files().get(0))).content().isEqualTo("a\nb\nc\n");
        assertThat(dir.resolve(report.files().get(1))).content().isEqualTo("d\ne\n");
        PartitionArchived p0 = report.partitions().get(new SourcePartition(topic, 0));
        assertThat(p0.untilOffset()).isEqualTo(10);
        assertThat(p0.gaps()).isEqualTo(1);
        assertThat(p0.records()).isEqualTo(5);
    }

    @Test
    void thePublisherRefusesTopicsThatWouldShiftOffsetsOrPartitions() throws Exception {
        ArchivePublisher publisher = new ArchivePublisher(servers.kafkaBootstrapServers(), source);
        String narrow = freshTopic("narrow");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(narrow, 2, (short) 1))).all().get();
        }
        assertThatThrownBy(() -> publisher.publish(PublishRequest.of(ARCHIVED_TOPIC, narrow)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topic '" + narrow + "' has 2 partitions")
                .hasMessageContaining(" 4: records would not keep their partition");

        String used = freshTopic("used");
        Map<Integer, Long> ten = Map.of(0, 10L, 1, 10L, 2, 10L, 3, 10L);
        assertThat(publisher.publish(PublishRequest.of(ARCHIVED_TOPIC, used).withUntilOffsets(ten)).records())
                .isEqualTo(40);
        assertThatThrownBy(() -> publisher.publish(PublishRequest.of(ARCHIVED_TOPIC, used)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("partition 0 of topic '" + used + "' ends at offset 10, so archive offset 0"
                        + " would get Kafka offset 10");
    }

    private static void transaction(KafkaProducer<String, String> producer, String topic, boolean commit,
                                    String... values) {
        producer.beginTransaction();
        for (String value : values) {
            producer.send(new ProducerRecord<>(topic, 0, null, value));
        }
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.flush();
            producer.abortTransaction();
        }
    }

    /** Every record in Kafka at the archive's offset, keyed by its message's aggregate id. */
    private static void assertTopicHoldsTheArchive(String topic) throws IOException {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<Integer, TreeMap<Long, String>> found = new TreeMap<>();
        long keyed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
            expected.keySet().forEach(p -> partitions.add(new org.apache.kafka.common.TopicPartition(topic, p)));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.values().stream().mapToLong(Map::size).sum() < totalRecords()
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String line = new String(record.value(), StandardCharsets.UTF_8);
                    found.computeIfAbsent(record.partition(), p -> new TreeMap<>()).put(record.offset(), line);
                    String aggregateId = aggregateId(line);
                    assertThat(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8))
                            .as("key at %d/%d", record.partition(), record.offset()).isEqualTo(aggregateId);
                    keyed += aggregateId == null ? 0 : 1;
                }
            }
        }
        assertThat(found).isEqualTo(expected);
        assertThat(keyed).isGreaterThan(totalRecords() * 9 / 10);
    }

    /** The {@code event-aggregate-id} header, read here with Jackson; null for lines that are no message. */
    private static String aggregateId(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node != null && node.isTextual()) {
                node = JSON.readTree(node.textValue());
            }
            JsonNode id = node == null ? null : node.path("headers").path("event-aggregate-id");
            return id != null && id.isTextual() ? id.textValue() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Each partition's files start where the one before ends: no offset twice, none left out. */
    private static void assertFilesFollowEachOther(List<Path> files) throws IOException {
        Map<Integer, TreeMap<Long, Integer>> lines = new TreeMap<>();
        for (Path file : files) {
            Matcher name = name(file);
            lines.computeIfAbsent(Integer.parseInt(name.group(2)), p -> new TreeMap<>())
                    .put(Long.parseLong(name.group(3)), lines(file).size());
        }
        lines.forEach((p, starts) -> {
            long next = 0;
            for (Map.Entry<Long, Integer> file : starts.entrySet()) {
                assertThat(file.getKey()).as("partition %d", p).isEqualTo(next);
                next = file.getKey() + file.getValue();
            }
        });
    }

    /** A reader's view, by hand: files by start offset then path, each offset from the first readable file. */
    private static Map<Integer, TreeMap<Long, String>> readArchive(List<Path> files, String topic) throws IOException {
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(
                Comparator.comparingLong((Path f) -> Long.parseLong(name(f).group(3))).thenComparing(Path::toString));
        Map<Integer, TreeMap<Long, String>> records = new TreeMap<>();
        for (Path file : sorted) {
            Matcher name = name(file);
            if (!name.group(1).equals(topic)) {
                continue;
            }
            List<String> lines;
            try {
                lines = lines(file);
            } catch (IOException e) {
                continue; // the corrupt copy
            }
            long start = Long.parseLong(name.group(3));
            TreeMap<Long, String> partition = records.computeIfAbsent(Integer.parseInt(name.group(2)),
                    p -> new TreeMap<>());
            for (int i = 0; i < lines.size(); i++) {
                partition.putIfAbsent(start + i, lines.get(i));
            }
        }
        return records;
    }

    private static List<String> lines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (file.toString().endsWith(".gz")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        List<String> lines = new ArrayList<>(List.of(new String(bytes, StandardCharsets.UTF_8).split("\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static List<Path> listFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> FILE_NAME.matcher(f.getFileName().toString()).matches())
                    .toList();
        }
    }

    private static Matcher name(Path file) {
        Matcher m = FILE_NAME.matcher(file.getFileName().toString());
        assertThat(m.matches()).as(file.toString()).isTrue();
        return m;
    }

    private static long startOffset(String path) {
        return Long.parseLong(name(Path.of(path)).group(3));
    }

    private static long totalRecords() {
        return expected.values().stream().mapToLong(Map::size).sum();
    }

    private static Map<Integer, Long> lastOffsets() {
        Map<Integer, Long> last = new TreeMap<>();
        expected.forEach((p, lines) -> last.put(p, lines.lastKey()));
        return last;
    }

    private static String freshTopic(String what) {
        return "archiver-it-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
