package dev.reproject.orderhistory.generate;

import dev.reproject.core.reject.RejectReason;

import java.util.SplittableRandom;

/** The malformed lines a run injects, each with the reason a reader must reject it for. */
enum BadLine {
    /** a valid message line cut in the middle */
    TRUNCATED(RejectReason.NOT_JSON),
    /** a message without {@code event-aggregate-id} */
    NO_AGGREGATE_ID(RejectReason.MISSING_HEADER),
    /** a message without {@code DATE} whose ID is outbox-style: its first part is a sequence, not a time */
    NO_DATE_OUTBOX_ID(RejectReason.MISSING_HEADER),
    /** the payload written as a JSON object instead of a string holding one */
    PAYLOAD_OBJECT(RejectReason.BAD_PAYLOAD),
    /** the payload a string that does not hold a JSON object ({@code [1,2]} or {@code not json}) */
    PAYLOAD_NOT_AN_OBJECT(RejectReason.BAD_PAYLOAD);

    private final RejectReason reason;

    BadLine(RejectReason reason) {
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }

    /** A third of each reason; each reason's two forms half and half. */
    static BadLine draw(SplittableRandom rng) {
        int reason = rng.nextInt(3);
        boolean first = rng.nextBoolean();
        return switch (reason) {
            case 0 -> TRUNCATED;
            case 1 -> first ? NO_AGGREGATE_ID : NO_DATE_OUTBOX_ID;
            default -> first ? PAYLOAD_OBJECT : PAYLOAD_NOT_AN_OBJECT;
        };
    }
}
