package dev.reproject.aws.failure;

import dev.reproject.aws.AwsClients;
import dev.reproject.aws.AwsSettings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Missing credentials and unreachable endpoints become short messages naming the service and what to do (CONTRACT.md
 * §7); the SDK's own exception stays the cause. No server: a credentials provider that has none, a closed port.
 */
class AwsFailuresTest {

    private static final String LONG_CHAIN = "Unable to load credentials from any of the providers in the chain "
            + "AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), "
            + "EnvironmentVariableCredentialsProvider(), ProfileCredentialsProvider(profileName=default)]) : "
            + "[SystemPropertyCredentialsProvider(): Unable to load credentials from system settings. …]";
    private static final AwsCredentialsProvider NONE = () -> {
        throw SdkClientException.create(LONG_CHAIN);
    };

    @Nested
    class MissingCredentials {

        @Test
        void aClientWithoutCredentialsFailsInTwoLinesNamingEveryWay() {
            AwsSettings settings = new AwsSettings(Optional.of(URI.create("http://127.0.0.1:1")), Optional.empty(),
                    "eu-west-1", NONE);
            Throwable failure;
            try (DynamoDbClient dynamo = AwsClients.dynamoDb(settings)) {
                failure = catchThrowable(dynamo::listTables);
            }

            assertThat(failure).isInstanceOf(MissingCredentialsException.class)
                    .isInstanceOf(SdkClientException.class) // handled as the SDK's client errors were
                    .hasMessageStartingWith("no AWS credentials for DynamoDB")
                    .hasMessageContaining("AWS_PROFILE")
                    .hasMessageContaining("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
                    .hasMessageContaining("instance role")
                    .hasMessageContaining("'reproject sandbox'")
                    .hasRootCauseMessage(LONG_CHAIN);
            assertThat(failure.getMessage().lines()).hasSize(2);
            assertThat(failure.getMessage()).doesNotContain("providers in the chain");
        }

        @Test
        void theS3ClientNamesS3() {
            try (S3Client s3 = AwsClients.s3(new AwsSettings(Optional.empty(), Optional.of(URI.create(
                    "http://127.0.0.1:1")), "eu-west-1", NONE))) {
                assertThatThrownBy(s3::listBuckets).isInstanceOf(MissingCredentialsException.class)
                        .hasMessageStartingWith("no AWS credentials for S3:");
            }
        }

        @Test
        void credentialsThatResolveAreHandedOnUnchanged() {
            StaticCredentialsProvider fixed = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID",
                    "secret"));

            assertThat(new ExplainedCredentials(fixed, "S3").resolveCredentials()).isEqualTo(
                    fixed.resolveCredentials());
            assertThat(new ExplainedCredentials(fixed, "S3").toString()).doesNotContain("AKID", "secret");
        }
    }

    @Nested
    class Unreachable {

        @Test
        void aClosedPortIsNamedWithTheServiceAndTheOptionToCheck() throws IOException {
            int port = closedPort();
            AwsSettings settings = new AwsSettings(Optional.of(URI.create("http://127.0.0.1:" + port)),
                    Optional.empty(), "eu-west-1", StaticCredentialsProvider.create(AwsBasicCredentials.create("a",
                            "b")));
            Throwable failure;
            try (DynamoDbClient dynamo = AwsClients.dynamoDb(settings)) {
                failure = catchThrowable(dynamo::listTables);
            }

            assertThat(failure).isInstanceOf(EndpointUnreachableException.class)
                    .isInstanceOf(SdkClientException.class)
                    .hasMessage("cannot reach DynamoDB at http://127.0.0.1:" + port + ": Connection refused. Is the "
                            + "server running, and is --dynamodb-endpoint right?")
                    .hasRootCauseInstanceOf(ConnectException.class);
        }
    }

    @Nested
    class ExplainerForFailuresOfOtherClients {

        private final AwsErrorExplainer explainer = new AwsErrorExplainer();

        /** s3a's own provider list, by name as Hadoop's s3a names it. */
        private static final class NoAuthWithAWSException extends IOException {
            NoAuthWithAWSException(String message, Throwable cause) {
                super(message, cause);
            }
        }

        @Test
        void s3asMissingCredentialsAreExplained() {
            IOException s3a = new IOException("s3a://b/snapshots: getFileStatus on s3a://b/snapshots: " + LONG_CHAIN,
                    new NoAuthWithAWSException("No AWS Credentials provided by …",
                            SdkClientException.create(LONG_CHAIN)));

            assertThat(explainer.explain(s3a)).hasValueSatisfying(message -> assertThat(message)
                    .startsWith("no AWS credentials for S3 (s3a): the AWS default chain found none")
                    .contains("AWS_PROFILE").hasLineCount(2));
        }

        @Test
        void theSdksRawMessageWrappedAnywhereIsExplained() {
            IllegalStateException wrapped = new IllegalStateException("cannot start: " + LONG_CHAIN,
                    new IOException(SdkClientException.create(LONG_CHAIN)));

            assertThat(explainer.explain(wrapped)).hasValueSatisfying(message -> assertThat(message)
                    .startsWith("no AWS credentials: the AWS default chain found none").contains("AWS_PROFILE")
                    .hasLineCount(2));
        }

        @Test
        void aConnectionFailureUnderAnSdkExceptionIsExplained() {
            IOException wrapped = new IOException("s3a://b/snapshots: listing", SdkClientException.builder()
                    .message("Unable to execute HTTP request").cause(new ConnectException("Connection refused"))
                    .build());

            assertThat(explainer.explain(wrapped)).hasValueSatisfying(message -> assertThat(message)
                    .startsWith("cannot reach AWS").contains("Connection refused").hasLineCount(1));
        }

        @Test
        void s3asTranslationOfAConnectionFailureIsExplainedWithTheHostAndThePath() {
            String sdk = "Unable to execute HTTP request: Connect to 127.0.0.1:9 [/127.0.0.1] failed: Connection "
                    + "refused (SDK Attempt Count: 6)";
            // as Hadoop 3.4's s3a rethrows it: the JDK's type, the call and the path, the SDK's whole text
            ConnectException s3a = new ConnectException("listObjects() on s3a://b/s/order-history: "
                    + "software.amazon.awssdk.core.exception.SdkClientException: " + sdk + ": " + sdk);
            s3a.initCause(SdkClientException.builder().message(sdk).cause(new ConnectException("Connection refused"))
                    .build());

            assertThat(explainer.explain(s3a)).hasValue("cannot reach S3 (s3a) at 127.0.0.1:9 for listObjects() on "
                    + "s3a://b/s/order-history: Connection refused. Is the server running, and is --s3-endpoint "
                    + "right?");
        }

        @Test
        void ourOwnShortMessagesAndUnrelatedFailuresAreLeftAlone() {
            MissingCredentialsException ours = new MissingCredentialsException("S3",
                    SdkClientException.create(LONG_CHAIN));

            assertThat(explainer.explain(new IOException("cannot write s3://b/k: " + ours.getMessage(), ours)))
                    .isEmpty();
            assertThat(explainer.explain(new IllegalStateException("the archive vanished"))).isEmpty();
            assertThat(explainer.explain(new IOException("kafka", new ConnectException("Connection refused"))))
                    .as("a connection failure outside AWS").isEmpty();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
