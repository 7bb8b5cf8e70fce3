package dev.reproject.sandbox;

import dev.reproject.sandbox.RestartableServers.Server;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each server stopped or killed and started again keeps its endpoint; S3Proxy and Kafka keep their data,
 * dynalite starts empty.
 */
class RestartableServersIT {

    @Test
    void dynaliteKilledAndStartedAgainIsEmptyOnTheSamePort(@TempDir Path dir) {
        try (RestartableServers servers = RestartableServers.create(dir)) {
            URI endpoint = servers.dynamoDbEndpoint();
            try (DynamoDbClient dynamo = dynamoDb(servers)) {
                dynamo.createTable(b -> b.tableName("restarted").billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("k")
                                .attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName("k").keyType(KeyType.HASH).build()));
                assertThat(dynamo.listTables().tableNames()).containsExactly("restarted");

                servers.kill(Server.DYNAMODB);
                assertThat(servers.isRunning(Server.DYNAMODB)).isFalse();
                servers.start(Server.DYNAMODB);

                assertThat(servers.dynamoDbEndpoint()).isEqualTo(endpoint);
                assertThat(dynamo.listTables().tableNames()).isEmpty();
            }
        }
    }

    @Test
    void s3ProxyStoppedAndStartedAgainHasTheSameObjects(@TempDir Path dir) {
        try (RestartableServers servers = RestartableServers.create(dir)) {
            URI endpoint = servers.s3Endpoint();
            try (S3Client s3 = s3(servers)) {
                s3.createBucket(b -> b.bucket("restarted"));
                s3.putObject(b -> b.bucket("restarted").key("k"), RequestBody.fromString("kept"));

                servers.stop(Server.S3);
                servers.start(Server.S3);

                assertThat(servers.s3Endpoint()).isEqualTo(endpoint);
                assertThat(s3.getObjectAsBytes(b -> b.bucket("restarted").key("k")).asUtf8String()).isEqualTo("kept");
            }
        }
    }

    @Test
    void kafkaStoppedAndStartedAgainHasTheSameRecordsAndOffsets(@TempDir Path dir) throws Exception {
        try (RestartableServers servers = RestartableServers.create(dir)) {
            String bootstrap = servers.kafkaBootstrapServers();
            Map<String, Object> common = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            try (Admin admin = Admin.create(common)) {
                admin.createTopics(List.of(new NewTopic("events", 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("events", "k", "v" + i)).get();
                }
            }

            servers.stop(Server.KAFKA);
            servers.start(Server.KAFKA);

            assertThat(servers.kafkaBootstrapServers()).isEqualTo(bootstrap);
            TopicPartition partition = new TopicPartition("events", 0);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(),
                    new StringDeserializer())) {
                assertThat(consumer.endOffsets(List.of(partition), Duration.ofSeconds(60)))
                        .containsEntry(partition, 10L);
            }
        }
    }

    private static DynamoDbClient dynamoDb(RestartableServers servers) {
        return DynamoDbClient.builder().endpointOverride(servers.dynamoDbEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials(servers)).httpClient(ApacheHttpClient.create()).build();
    }

    private static S3Client s3(RestartableServers servers) {
        return S3Client.builder().endpointOverride(servers.s3Endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(credentials(servers))
                .httpClient(ApacheHttpClient.create()).build();
    }

    private static StaticCredentialsProvider credentials(RestartableServers servers) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(servers.credentials().accessKeyId(),
                servers.credentials().secretAccessKey()));
    }
}
