package dev.reproject.aws.failure;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The AWS default credential chain gave no credentials to a client of ours. The message says so in two lines and
 * names every way to provide them; the SDK's own account of each source tried is the cause (shown with
 * {@code REPROJECT_DEBUG=1}). Still an {@link SdkClientException}, so code that handles the SDK's client errors
 * handles this one as before.
 */
public final class MissingCredentialsException extends SdkClientException {

    MissingCredentialsException(String service, Throwable cause) {
        super(SdkClientException.builder().message(FailureMessages.missingCredentials(service)).cause(cause));
    }
}
