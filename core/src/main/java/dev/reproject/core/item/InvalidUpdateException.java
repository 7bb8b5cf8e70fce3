package dev.reproject.core.item;

/** DynamoDB would refuse the update with a ValidationException; the message says why, as DynamoDB words it. */
final class InvalidUpdateException extends Exception {

    InvalidUpdateException(String message) {
        super(message, null, false, false);
    }
}
