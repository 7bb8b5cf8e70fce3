package dev.reproject.aws.failure;

import dev.reproject.core.error.ErrorExplainer;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains AWS failures that did not come through our own clients, whose messages are short already
 * ({@link MissingCredentialsException}, {@link EndpointUnreachableException}): above all Spark's and Hadoop's s3a,
 * which has its own S3 client and credential chain. Found through {@link java.util.ServiceLoader} by the CLI's error
 * handler.
 */
public final class AwsErrorExplainer implements ErrorExplainer {

    private static final String S3A = "org.apache.hadoop.fs.s3a.";
    /** How the Apache HTTP client names the host it could not connect to. */
    private static final Pattern CONNECT_TO = Pattern.compile("Connect to (\\S+) ");

    @Override
    public Optional<String> explain(Throwable failure) {
        List<Throwable> chain = FailureMessages.chain(failure);
        if (chain.stream().anyMatch(t -> t instanceof MissingCredentialsException
                || t instanceof EndpointUnreachableException)) {
            return Optional.empty(); // the message, or the wrapper's that includes it, is the short one
        }
        boolean s3a = chain.stream().anyMatch(AwsErrorExplainer::isS3a);
        if (chain.stream().anyMatch(AwsErrorExplainer::isMissingCredentials)) {
            return Optional.of(FailureMessages.missingCredentials(s3a ? "S3 (s3a)" : ""));
        }
        // the innermost connection error says it shortest ("Connection refused")
        Optional<Throwable> connect = chain.stream().filter(FailureMessages::isConnectFailure)
                .reduce((outer, inner) -> inner);
        if (connect.isPresent() && (s3a || chain.stream().anyMatch(t -> t instanceof SdkException))) {
            String where = chain.stream().map(t -> CONNECT_TO.matcher(String.valueOf(t.getMessage())))
                    .filter(Matcher::find).map(m -> "at " + m.group(1) + " ").findFirst().orElse("")
                    + "for " + firstPart(failure);
            return Optional.of(FailureMessages.unreachable(s3a ? "S3 (s3a)" : "AWS", where,
                    FailureMessages.reason(connect.get()), s3a ? "Is the server running, and is --s3-endpoint right?"
                            : "Check the endpoint options, the network and --region."));
        }
        return Optional.empty();
    }

    /**
     * The SDK's default chain found nothing ("Unable to load credentials from any of the providers…"), or s3a's
     * list of providers did ({@code NoAuthWithAWSException}, by name: hadoop-aws is the cluster's, not a dependency).
     */
    private static boolean isMissingCredentials(Throwable t) {
        return t.getClass().getSimpleName().equals("NoAuthWithAWSException")
                || t instanceof SdkClientException && t.getMessage() != null
                        && t.getMessage().startsWith("Unable to load credentials");
    }

    /** s3a's own classes, or its translation of an SDK failure, which names the path and keeps the JDK's type. */
    private static boolean isS3a(Throwable t) {
        return t.getClass().getName().startsWith(S3A) || String.valueOf(t.getMessage()).contains(" on s3a://");
    }

    /** What failed, in the failure's own words, cut short: s3a names the call and the path first. */
    private static String firstPart(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        int colon = message.indexOf(": ");
        String head = colon > 0 ? message.substring(0, colon) : message;
        return head.length() > 120 ? head.substring(0, 120) + "…" : head;
    }
}
