package dev.reproject.sandbox;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each server is real: the calls the project relies on behave as on AWS and a real Kafka. */
@ExtendWith(LocalServersExtension.class)
class LocalServersIT {

    private static LocalServers fromBeforeAll;

    private final LocalServers fromConstructor;

    LocalServersIT(LocalServers servers) {
        this.fromConstructor = servers;
    }

    @BeforeAll
    static void keep(LocalServers servers) {
        fromBeforeAll = servers;
    }

    @Test
    void oneInstanceForTheWholeTestJvm(LocalServers servers) {
        assertThat(servers).isSameAs(fromBeforeAll).isSameAs(fromConstructor);
    }

    @Nested
    class DynamoDb {

        @Test
        void conditionalUpdateAppliesOnlyANewerMarker(LocalServers servers) {
            try (DynamoDbClient dynamo = dynamoDb(servers, servers.credentials())) {
                String table = "views-" + UUID.randomUUID();
                dynamo.createTable(t -> t.tableName(table)
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                                .attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST));
                dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
                dynamo.putItem(p -> p.tableName(table).item(Map.of("pk", s("order-1"), "status", s("created"))));

                dynamo.updateItem(markerUpdate(table, 7, "paid"));
                assertThatThrownBy(() -> dynamo.updateItem(markerUpdate(table, 7, "paid again")))
                        .isInstanceOf(ConditionalCheckFailedException.class);
                assertThatThrownBy(() -> dynamo.updateItem(markerUpdate(table, 3, "older")))
                        .isInstanceOf(ConditionalCheckFailedException.class);

                Map<String, AttributeValue> item = dynamo
                        .getItem(g -> g.tableName(table).key(Map.of("pk", s("order-1"))))
                        .item();
                assertThat(item).containsEntry("status", s("paid")).containsEntry("m", n(7));
            }
        }

        private UpdateItemRequest markerUpdate(String table, long marker, String status) {
            return UpdateItemRequest.builder().tableName(table)
                    .key(Map.of("pk", s("order-1")))
                    .updateExpression("SET #m = :id, #s = :status")
                    .conditionExpression("attribute_not_exists(#m) OR #m < :id")
                    .expressionAttributeNames(Map.of("#m", "m", "#s", "status"))
                    .expressionAttributeValues(Map.of(":id", n(marker), ":status", s(status)))
                    .build();
        }
    }

    @Nested
    class S3 {

        private static final int MIB = 1024 * 1024;

        @Test
        void multipartUploadReadsBackTheExactBytes(LocalServers servers) throws Exception {
            try (S3Client s3 = s3(servers, servers.credentials())) {
                String bucket = "archive-" + UUID.randomUUID();
                s3.createBucket(b -> b.bucket(bucket));
                byte[][] parts = {randomBytes(5 * MIB, 1), randomBytes(5 * MIB, 2), randomBytes(MIB + 123, 3)};

                String uploadId = s3.createMultipartUpload(m -> m.bucket(bucket).key("events/part.bin")).uploadId();
                List<CompletedPart> completed = new ArrayList<>();
                for (int i = 0; i < parts.length; i++) {
                    int partNumber = i + 1;
                    String eTag = s3.uploadPart(u -> u.bucket(bucket).key("events/part.bin").uploadId(uploadId)
                            .partNumber(partNumber), RequestBody.fromBytes(parts[partNumber - 1])).eTag();
                    completed.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
                }
                s3.completeMultipartUpload(c -> c.bucket(bucket).key("events/part.bin").uploadId(uploadId)
                        .multipartUpload(m -> m.parts(completed)));

                byte[] read = s3.getObjectAsBytes(g -> g.bucket(bucket).key("events/part.bin")).asByteArray();
                assertThat(read).hasSize(11 * MIB + 123);
                assertThat(sha256(read)).isEqualTo(sha256(parts));
            }
        }

        @Test
        void aWrongSecretIsRefusedWith403(LocalServers servers) {
            SandboxCredentials wrong = new SandboxCredentials(servers.credentials().accessKeyId(), "not-the-secret");
            try (S3Client s3 = s3(servers, wrong)) {
                assertThatThrownBy(s3::listBuckets)
                        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            }
        }

        private static byte[] randomBytes(int size, long seed) {
            byte[] bytes = new byte[size];
            new Random(seed).nextBytes(bytes);
            return bytes;
        }

        private static byte[] sha256(byte[]... chunks) throws Exception {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] chunk : chunks) {
                digest.update(chunk);
            }
            return digest.digest();
        }
    }

    @Nested
    class Kafka {

        private static final int RECORDS = 1_000;

        @Test
        void everyProducedRecordIsConsumedBack(LocalServers servers) throws Exception {
            String topic = "events-" + UUID.randomUUID();
            Map<String, Object> common = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    servers.kafkaBootstrapServers());
            try (Admin admin = Admin.create(common)) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            }

            Map<String, Object> producerConfig = new HashMap<>(common);
            producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
                }
                producer.flush();
            }

            List<ConsumerRecord<String, String>> consumed = consumeAll(common, topic);

            assertThat(consumed).hasSize(RECORDS);
            Set<String> keys = new HashSet<>();
            Map<Integer, Integer> perPartition = new HashMap<>();
            for (ConsumerRecord<String, String> record : consumed) {
                assertThat(record.value()).isEqualTo("value-" + record.key().substring("key-".length()));
                keys.add(record.key());
                // offsets within a partition are 0, 1, 2, ...: nothing lost, nothing twice
                int seen = perPartition.merge(record.partition(), 1, Integer::sum);
                assertThat(record.offset()).isEqualTo(seen - 1);
            }
            assertThat(keys).hasSize(RECORDS).contains("key-0", "key-999");
            assertThat(perPartition).as("records per partition").hasSize(3);
        }

        private List<ConsumerRecord<String, String>> consumeAll(Map<String, Object> common, String topic) {
            Properties consumerConfig = new Properties();
            consumerConfig.putAll(common);
            consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            List<TopicPartition> partitions = List.of(
                    new TopicPartition(topic, 0), new TopicPartition(topic, 1), new TopicPartition(topic, 2));
            List<ConsumerRecord<String, String>> consumed = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (consumed.size() < RECORDS && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(consumed::add);
                }
                // one more poll: a record beyond the expected count would show here
                consumer.poll(Duration.ofMillis(200)).forEach(consumed::add);
            }
            return consumed;
        }
    }

    private static DynamoDbClient dynamoDb(LocalServers servers, SandboxCredentials credentials) {
        return DynamoDbClient.builder()
                .endpointOverride(servers.dynamoDbEndpoint())
                .region(Region.of(servers.region()))
                .credentialsProvider(provider(credentials))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    private static S3Client s3(LocalServers servers, SandboxCredentials credentials) {
        return S3Client.builder()
                .endpointOverride(servers.s3Endpoint())
                .region(Region.of(servers.region()))
                .credentialsProvider(provider(credentials))
                .httpClientBuilder(ApacheHttpClient.builder())
                .forcePathStyle(true)
                .build();
    }

    private static StaticCredentialsProvider provider(SandboxCredentials credentials) {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
