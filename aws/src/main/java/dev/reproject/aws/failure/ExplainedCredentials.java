package dev.reproject.aws.failure;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.Objects;

/**
 * A credentials provider that, when its delegate has none, says so in two lines ({@link MissingCredentialsException})
 * instead of the default chain's account of every source on one line of about 1,500 characters. The SDK resolves
 * credentials before its execution interceptors see a failure, so this is the place to do it.
 */
public final class ExplainedCredentials implements AwsCredentialsProvider {

    private final AwsCredentialsProvider delegate;
    private final String service;

    /**
     * @param service the service the client calls, for the message, e.g. {@code DynamoDB}
     */
    public ExplainedCredentials(AwsCredentialsProvider delegate, String service) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return delegate.resolveCredentials();
        } catch (SdkClientException e) {
            throw new MissingCredentialsException(service, e);
        }
    }

    @Override
    public String toString() {
        return "ExplainedCredentials[" + delegate.getClass().getSimpleName() + "]"; // never the delegate's own text
    }
}
