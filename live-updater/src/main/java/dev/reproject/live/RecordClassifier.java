package dev.reproject.live;

import dev.reproject.core.decode.DecodeResult;
import dev.reproject.core.decode.EventuateDecoder;
import dev.reproject.core.decode.RecordText;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.event.SourcePosition;
import dev.reproject.core.item.UpdateFold;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.view.ViewDefinition;
import dev.reproject.core.view.ViewResult;

import java.util.Optional;

/**
 * A record's value → the view's update, by the same rules as the archive path (CONTRACT.md §3, §4): the Eventuate
 * decoder, the view, and the checks DynamoDB makes on the request itself. Never throws for any value. Not
 * thread-safe: the updater's poll thread is its one caller.
 */
public final class RecordClassifier {

    private final EventuateDecoder decoder;
    private final ViewDefinition view;
    private final UpdateFold requestChecks;

    public RecordClassifier(EventuateDecoder decoder, ViewDefinition view) {
        this.decoder = decoder;
        this.view = view;
        this.requestChecks = new UpdateFold(view.table());
    }

    public Classified classify(String topic, int partition, long offset, byte[] value) {
        if (value == null) {
            return new Classified.Rejected(RejectReason.NOT_JSON, "the record has no value (a tombstone)");
        }
        if (value.length > RecordText.MAX_BYTES) {
            return new Classified.Rejected(RejectReason.RECORD_TOO_LARGE,
                    RecordText.tooLarge(value.length, RecordText.MAX_BYTES));
        }
        String line = RecordText.decode(value); // as the archive reads the same bytes: U+FFFD where not UTF-8
        DecodeResult decoded = decoder.decode(line, new SourcePosition(new SourcePartition(topic, partition), offset));
        if (decoded instanceof DecodeResult.Rejected rejected) {
            return new Classified.Rejected(rejected.reason(), rejected.detail());
        }
        ViewResult result;
        try {
            result = view.update(((DecodeResult.Decoded) decoded).event());
        } catch (RuntimeException e) { // a view bug must not stop the consumer: the event is a dead letter
            result = new ViewResult.Invalid("the view failed on this event: " + e);
        }
        if (result instanceof ViewResult.Invalid invalid) {
            return new Classified.Rejected(RejectReason.INVALID_EVENT, invalid.detail());
        }
        if (result instanceof ViewResult.Unhandled) {
            return new Classified.Skipped(((DecodeResult.Decoded) decoded).event().type());
        }
        ViewResult.Handled handled = (ViewResult.Handled) result;
        Optional<String> refusal = requestChecks.requestRefusal(handled.update());
        return refusal.<Classified>map(detail -> new Classified.Rejected(RejectReason.INVALID_UPDATE, detail))
                .orElseGet(() -> new Classified.ToApply(handled.update()));
    }
}
