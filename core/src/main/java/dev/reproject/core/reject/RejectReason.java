package dev.reproject.core.reject;

import java.util.Arrays;

/** Why a record was rejected (CONTRACT.md §3 "Bad input"). The code is what manifests and reports show. */
public enum RejectReason {
    /** the line is not JSON, or not a JSON object (nor a JSON string holding one) */
    NOT_JSON("not-json"),
    /** a required header is missing or empty, or no event time can be had from DATE or the ID */
    MISSING_HEADER("missing-header"),
    /** the payload is not a string holding a JSON object */
    BAD_PAYLOAD("bad-payload"),
    /** a handled event type whose payload lacks or mistypes a field the view needs */
    INVALID_EVENT("invalid-event"),
    /** an update DynamoDB would refuse */
    INVALID_UPDATE("invalid-update"),
    /** the resulting item would exceed DynamoDB's 400 KB item limit */
    ITEM_TOO_LARGE("item-too-large"),
    /** the whole file could not be read: its content is not valid gzip, or it is gone since it was listed */
    UNREADABLE_FILE("unreadable-file"),
    /** the record (an archive line or a Kafka value) is longer than a record may be */
    RECORD_TOO_LARGE("record-too-large");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The reasons a reader finds before any view is involved. */
    public boolean isDecodeLevel() {
        return this == NOT_JSON || this == MISSING_HEADER || this == BAD_PAYLOAD || this == UNREADABLE_FILE
                || this == RECORD_TOO_LARGE;
    }

    public static RejectReason fromCode(String code) {
        return Arrays.stream(values())
                .filter(r -> r.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown reject reason '" + code + "'"));
    }

    @Override
    public String toString() {
        return code;
    }
}
