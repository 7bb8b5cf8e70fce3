package dev.reproject.aws.failure;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a call's final failure to connect (after the SDK's retries) into an {@link EndpointUnreachableException}
 * that names the service, the endpoint and what to check, instead of the SDK's "Unable to execute HTTP request".
 * Every other failure passes unchanged.
 */
public final class UnreachableEndpoints implements ExecutionInterceptor {

    private final String service;
    private final Optional<URI> endpoint;
    private final String region;
    private final String option;

    /**
     * @param service  e.g. {@code DynamoDB}
     * @param endpoint the client's endpoint override, or empty for AWS's endpoint in {@code region}
     * @param option   the option that sets the endpoint, e.g. {@code --dynamodb-endpoint}
     */
    public UnreachableEndpoints(String service, Optional<URI> endpoint, String region, String option) {
        this.service = Objects.requireNonNull(service, "service");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.region = Objects.requireNonNull(region, "region");
        this.option = Objects.requireNonNull(option, "option");
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
        Throwable failure = context.exception();
        if (!(failure instanceof SdkClientException) || failure instanceof AbortedException
                || failure instanceof EndpointUnreachableException) {
            return failure;
        }
        // the innermost connection error says it shortest ("Connection refused"): the endpoint is named here
        Optional<Throwable> connect = FailureMessages.chain(failure).stream()
                .filter(FailureMessages::isConnectFailure).reduce((outer, inner) -> inner);
        if (connect.isEmpty()) {
            return failure;
        }
        Throwable innermost = connect.get();
        String message = endpoint.isPresent()
                ? FailureMessages.unreachable(service, "at " + endpoint.get(), FailureMessages.reason(innermost),
                        "Is the server running, and is " + option + " right?")
                : FailureMessages.unreachable(service, "in region " + region, FailureMessages.reason(innermost),
                        "Check the network and --region.");
        return new EndpointUnreachableException(message, failure);
    }
}
