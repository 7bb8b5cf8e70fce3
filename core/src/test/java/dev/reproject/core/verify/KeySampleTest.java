package dev.reproject.core.verify;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeySampleTest {

    private static String key(int i) {
        return "{\"orderId\":{\"S\":\"" + String.format("%016x-%016x", 1_700_000_000_000L + i, i) + "\"}}";
    }

    @Test
    void keeps_about_the_fraction_asked_of_similar_keys() {
        KeySample tenth = new KeySample(0.1);
        long kept = IntStream.range(0, 100_000).mapToObj(KeySampleTest::key).filter(tenth::includes).count();
        // binomial(100,000, 0.1): standard deviation about 95
        assertThat(kept).isBetween(9_500L, 10_500L);
    }

    @Test
    void is_the_same_for_a_key_every_time_and_nested_by_fraction() {
        KeySample small = new KeySample(0.05);
        KeySample large = new KeySample(0.5);
        IntStream.range(0, 10_000).mapToObj(KeySampleTest::key).forEach(key -> {
            assertThat(small.includes(key)).isEqualTo(new KeySample(0.05).includes(key));
            if (small.includes(key)) {
                assertThat(large.includes(key)).isTrue();
            }
        });
    }

    @Test
    void one_keeps_every_key_and_the_fraction_must_be_in_0_1() {
        assertThat(IntStream.range(0, 1000).mapToObj(KeySampleTest::key).allMatch(KeySample.ALL::includes)).isTrue();
        assertThatThrownBy(() -> new KeySample(0)).hasMessageContaining("--sample");
        assertThatThrownBy(() -> new KeySample(1.5)).hasMessageContaining("--sample");
        assertThatThrownBy(() -> new KeySample(Double.NaN)).hasMessageContaining("--sample");
    }
}
