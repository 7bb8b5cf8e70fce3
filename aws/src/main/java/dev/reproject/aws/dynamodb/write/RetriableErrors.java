package dev.reproject.aws.dynamodb.write;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

import java.util.Optional;
import java.util.Set;

/** Which DynamoDB errors are worth another try: throttling and server-side (5xx) errors; nothing else. */
public final class RetriableErrors {

    /** What a retriable error is. */
    public enum Kind { THROTTLING, SERVER_ERROR }

    private static final Set<String> THROTTLING_CODES = Set.of(
            "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
            "ThrottlingError", "TooManyRequestsException");

    private RetriableErrors() {
    }

    /** The kind of a retriable error, or empty for one that must fail the run. */
    public static Optional<Kind> classify(Throwable error) {
        if (!(error instanceof DynamoDbException dynamo)) {
            return Optional.empty();
        }
        if (dynamo instanceof ProvisionedThroughputExceededException || dynamo instanceof RequestLimitExceededException
                || dynamo instanceof ThrottlingException
                || dynamo.statusCode() == 429 || THROTTLING_CODES.contains(errorCode(dynamo))) {
            return Optional.of(Kind.THROTTLING);
        }
        if (dynamo.statusCode() >= 500 && dynamo.statusCode() < 600) {
            return Optional.of(Kind.SERVER_ERROR);
        }
        return Optional.empty();
    }

    private static String errorCode(DynamoDbException error) {
        AwsErrorDetails details = error.awsErrorDetails();
        return details == null || details.errorCode() == null ? "" : details.errorCode();
    }
}
