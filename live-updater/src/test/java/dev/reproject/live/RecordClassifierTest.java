package dev.reproject.live;

import dev.reproject.core.decode.EventuateDecoder;
import dev.reproject.core.decode.RecordText;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.orderhistory.view.OrderHistoryView;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The live path's share of the rules both paths follow (CONTRACT.md §3.3): record size and bytes that are not UTF-8. */
class RecordClassifierTest {

    private final RecordClassifier classifier = new RecordClassifier(
            new EventuateDecoder(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC)),
            new OrderHistoryView());

    @Test
    void aValueLongerThanARecordMayBeIsRecordTooLarge_beforeItIsDecoded() {
        byte[] value = new byte[RecordText.MAX_BYTES + 1];
        Arrays.fill(value, (byte) ' ');

        Classified result = classifier.classify(Messages.TOPIC, 0, 7, value);

        assertThat(result).isEqualTo(new Classified.Rejected(RejectReason.RECORD_TOO_LARGE,
                "the record is " + (RecordText.MAX_BYTES + 1) + " bytes long; at most " + RecordText.MAX_BYTES
                        + " bytes are read"));
    }

    @Test
    void bytesThatAreNotUtf8AreReadWithReplacementCharacters_asTheArchiveHoldsThem() {
        byte[] valid = Messages.created("4711", 1, 0, 1);
        // "Ajanta" becomes "Aj" 0xFF "nta": one byte that is not UTF-8, inside the payload's restaurant name
        byte[] value = replace(valid, "Ajanta".getBytes(StandardCharsets.UTF_8), new byte[]{'A', 'j', (byte) 0xff,
                'n', 't', 'a'});

        Classified result = classifier.classify(Messages.TOPIC, 0, 7, value);

        assertThat(result).isInstanceOf(Classified.ToApply.class);
        assertThat(((Classified.ToApply) result).update().actions()).anySatisfy(action -> {
            assertThat(action.attribute()).isEqualTo("restaurantName");
            assertThat(action).hasFieldOrPropertyWithValue("value", AttrValue.s("Aj\uFFFDnta"));
        });
    }

    private static byte[] replace(byte[] in, byte[] what, byte[] with) {
        String text = new String(in, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(new String(what, StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(in, 0, at);
        out.write(with, 0, with.length);
        out.write(in, at + what.length, in.length - at - what.length);
        return out.toByteArray();
    }
}
