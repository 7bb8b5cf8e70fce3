package dev.reproject.aws.dynamodb.write;

/** A bulk load that cannot go on; the message names the table and the key of an item that was not written. */
public class BulkWriteException extends RuntimeException {

    private final String keyJson;

    public BulkWriteException(String message, String keyJson, Throwable cause) {
        super(message, cause);
        this.keyJson = keyJson;
    }

    /** The key (DynamoDB JSON) of the first item of the batch that failed. */
    public String keyJson() {
        return keyJson;
    }
}
