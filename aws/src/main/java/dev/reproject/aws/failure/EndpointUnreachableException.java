package dev.reproject.aws.failure;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A client of ours could not open a connection to its service (refused, no route, unknown host, connect timeout)
 * after the SDK's retries. The message names the service, the endpoint and what to check; the SDK's exception is the
 * cause. Still an {@link SdkClientException} (with the connection error among its causes), so code that retries an
 * unavailable store does so as before.
 */
public final class EndpointUnreachableException extends SdkClientException {

    EndpointUnreachableException(String message, Throwable cause) {
        super(SdkClientException.builder().message(message).cause(cause));
    }
}
