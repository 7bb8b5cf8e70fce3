package dev.reproject.orderhistory.generate;

/**
 * The parts of one Eventuate Tram message line, including the ways a bad one departs from the form.
 *
 * @param id              the {@code ID} header
 * @param type            the {@code event-type} header
 * @param aggregateId     the {@code event-aggregate-id} and {@code PARTITION_ID} headers
 * @param date            the {@code DATE} header, or null to leave it out
 * @param withAggregateId false to leave {@code event-aggregate-id} out
 * @param payload         the payload: UTF-8 JSON text (normally of an object)
 * @param payloadEmbedded true to write the payload as a JSON value instead of a string holding it
 */
@SuppressWarnings("ArrayRecordComponent") // carries the payload's bytes; never compared or hashed
record EventuateMessage(String id, String type, String aggregateId, String date, boolean withAggregateId,
                        byte[] payload, boolean payloadEmbedded) {

    static EventuateMessage of(String id, String type, String aggregateId, String date, byte[] payload) {
        return new EventuateMessage(id, type, aggregateId, date, true, payload, false);
    }

    EventuateMessage withId(String otherId) {
        return new EventuateMessage(otherId, type, aggregateId, date, withAggregateId, payload, payloadEmbedded);
    }

    EventuateMessage withoutAggregateId() {
        return new EventuateMessage(id, type, aggregateId, date, false, payload, payloadEmbedded);
    }

    EventuateMessage withoutDate(String otherId) {
        return new EventuateMessage(otherId, type, aggregateId, null, withAggregateId, payload, payloadEmbedded);
    }

    EventuateMessage withPayloadEmbedded() {
        return new EventuateMessage(id, type, aggregateId, date, withAggregateId, payload, true);
    }

    EventuateMessage withPayload(byte[] text) {
        return new EventuateMessage(id, type, aggregateId, date, withAggregateId, text, false);
    }
}
