package dev.reproject.aws;

import dev.reproject.aws.failure.EndpointUnreachableException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What can be seen without a store: settings, and a silent TCP server for the timeouts. The calls themselves are
 * tested against real servers (*IT).
 */
class AwsClientsTest {

    @Test
    void endpointsAndRegionAreApplied() {
        AwsSettings settings = new AwsSettings(Optional.of(URI.create("http://127.0.0.1:8000")),
                Optional.of(URI.create("http://127.0.0.1:9000")), "eu-central-1",
                AnonymousCredentialsProvider.create());
        try (S3Client s3 = AwsClients.s3(settings); DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings)) {
            assertThat(s3.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:9000"));
            assertThat(s3.serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
            assertThat(dynamoDb.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:8000"));
        }
    }

    @Test
    void everyClientHasAnAttemptAndACallTimeout() {
        AwsSettings settings = AwsSettings.of("us-east-1");
        try (S3Client s3 = AwsClients.s3(settings); DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings)) {
            assertThat(dynamoDb.serviceClientConfiguration().overrideConfiguration().apiCallAttemptTimeout())
                    .contains(AwsTimeouts.DYNAMODB.attempt());
            assertThat(dynamoDb.serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
                    .contains(AwsTimeouts.DYNAMODB.call());
            assertThat(s3.serviceClientConfiguration().overrideConfiguration().apiCallAttemptTimeout())
                    .contains(AwsTimeouts.S3.attempt());
            assertThat(s3.serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
                    .contains(AwsTimeouts.S3.call());
        }
    }

    @Test
    void aServerThatNeverAnswersFailsTheCallWithinItsTimeout_insteadOfHanging() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                List<Socket> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(silent.accept()); // accept, read nothing, answer nothing
                    }
                } catch (IOException closed) {
                    held.forEach(socket -> {
                        try {
                            socket.close();
                        } catch (IOException ignored) {
                            // closing a socket nobody uses
                        }
                    });
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            AwsSettings settings = new AwsSettings(
                    Optional.of(URI.create("http://127.0.0.1:" + silent.getLocalPort())), Optional.empty(),
                    "us-east-1", AnonymousCredentialsProvider.create());
            AwsTimeouts brief = new AwsTimeouts(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(1),
                    4);
            long start = System.nanoTime();
            try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings, brief)) {
                assertThatThrownBy(dynamoDb::listTables).isInstanceOf(SdkClientException.class)
                        .hasMessageContaining("timeout")
                        .as("the server was reached: not unreachable")
                        .isNotInstanceOf(EndpointUnreachableException.class);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void withoutEndpointsTheClientsUseAws() {
        try (S3Client s3 = AwsClients.s3(AwsSettings.of("us-east-1"))) {
            assertThat(s3.serviceClientConfiguration().endpointOverride()).isEmpty();
        }
    }
}
