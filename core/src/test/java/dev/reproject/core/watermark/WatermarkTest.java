package dev.reproject.core.watermark;

import dev.reproject.core.event.SourcePartition;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatermarkTest {

    private static final SourcePartition T0 = new SourcePartition("t", 0);
    private static final SourcePartition T1 = new SourcePartition("t", 1);
    private static final SourcePartition T2 = new SourcePartition("t", 2);
    private static final SourcePartition T10 = new SourcePartition("t", 10);
    private static final SourcePartition U0 = new SourcePartition("u", 0);

    @Nested
    class Offsets {

        @Test
        void givenEmpty_thenNothingIsIncluded() {
            Watermark empty = Watermark.empty();

            assertThat(empty.isEmpty()).isTrue();
            assertThat(empty.offset(T0)).isEmpty();
            assertThat(empty.next(T0)).isZero();
            assertThat(empty.covers(T0, 0)).isFalse();
        }

        @Test
        void givenAnOffset_thenItAndEverythingBelowIsCovered_andNextIsOneMore() {
            Watermark wm = Watermark.of(Map.of(T0, 5L));

            assertThat(wm.offset(T0)).isEqualTo(OptionalLong.of(5));
            assertThat(wm.next(T0)).isEqualTo(6);
            assertThat(wm.covers(T0, 0)).isTrue();
            assertThat(wm.covers(T0, 5)).isTrue();
            assertThat(wm.covers(T0, 6)).isFalse();
        }

        @Test
        void givenOffsetZero_thenOnlyOffsetZeroIsCovered() {
            Watermark wm = Watermark.of(Map.of(T0, 0L));

            assertThat(wm.covers(T0, 0)).isTrue();
            assertThat(wm.covers(T0, 1)).isFalse();
            assertThat(wm.next(T0)).isEqualTo(1);
        }

        @Test
        void givenAPartitionNotNamed_thenNothingOfItIsCovered() {
            Watermark wm = Watermark.of(Map.of(T0, 5L));

            assertThat(wm.offset(T1)).isEmpty();
            assertThat(wm.next(T1)).isZero();
            assertThat(wm.covers(T1, 0)).isFalse();
            assertThat(wm.covers(U0, 0)).isFalse();
        }

        @Test
        void givenANegativeOrNullOffset_thenRefused() {
            Map<SourcePartition, Long> withNull = new HashMap<>();
            withNull.put(T0, null);

            assertThatThrownBy(() -> Watermark.of(Map.of(T0, -1L)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t-0")
                    .hasMessageContaining("-1");
            assertThatThrownBy(() -> Watermark.of(withNull)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class CoversWatermark {

        private final Watermark wm = Watermark.of(Map.of(T0, 5L, T1, 7L));

        @Test
        void givenEqualOrLowerOffsets_thenCovered() {
            assertThat(wm.covers(wm)).isTrue();
            assertThat(wm.covers(Watermark.of(Map.of(T0, 5L)))).isTrue();
            assertThat(wm.covers(Watermark.of(Map.of(T0, 4L, T1, 0L)))).isTrue();
            assertThat(wm.covers(Watermark.empty())).isTrue();
        }

        @Test
        void givenAHigherOffset_thenNotCovered() {
            assertThat(wm.covers(Watermark.of(Map.of(T0, 6L)))).isFalse();
            assertThat(wm.covers(Watermark.of(Map.of(T0, 0L, T1, 8L)))).isFalse();
        }

        @Test
        void givenAPartitionThisDoesNotName_thenNotCovered() {
            assertThat(wm.covers(Watermark.of(Map.of(U0, 0L)))).isFalse();
            assertThat(Watermark.empty().covers(Watermark.of(Map.of(T0, 0L)))).isFalse();
        }
    }

    @Nested
    class Advance {

        @Test
        void givenAHigherOffset_thenANewWatermark_andTheOldOneIsUnchanged() {
            Watermark before = Watermark.of(Map.of(T0, 5L));

            Watermark after = before.advance(T0, 9).advance(T1, 0);

            assertThat(after).isEqualTo(Watermark.of(Map.of(T0, 9L, T1, 0L)));
            assertThat(before).isEqualTo(Watermark.of(Map.of(T0, 5L)));
        }

        @Test
        void givenTheSameOffset_thenAllowed() {
            assertThat(Watermark.of(Map.of(T0, 5L)).advance(T0, 5)).isEqualTo(Watermark.of(Map.of(T0, 5L)));
        }

        @Test
        void givenALowerOffset_thenIllegalArgumentNamingBoth() {
            Watermark wm = Watermark.of(Map.of(T0, 5L));

            assertThatThrownBy(() -> wm.advance(T0, 4))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("t-0").hasMessageContaining("5").hasMessageContaining("4");
        }

        @Test
        void givenANegativeOffset_thenIllegalArgument() {
            assertThatThrownBy(() -> Watermark.empty().advance(T0, -1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void givenEmpty_whenAdvanced_thenTheSharedEmptyIsUnchanged() {
            Watermark.empty().advance(T0, 3);

            assertThat(Watermark.empty().isEmpty()).isTrue();
        }
    }

    @Nested
    class Merge {

        @Test
        void givenOverlappingPartitions_thenTheHigherOfEach_andPartitionsOfEitherSide() {
            Watermark a = Watermark.of(Map.of(T0, 5L, T1, 2L));
            Watermark b = Watermark.of(Map.of(T1, 7L, T2, 1L, U0, 0L));

            Watermark expected = Watermark.of(Map.of(T0, 5L, T1, 7L, T2, 1L, U0, 0L));
            assertThat(a.merge(b)).isEqualTo(expected);
            assertThat(b.merge(a)).isEqualTo(expected);
        }

        @Test
        void givenALowerOtherSide_thenNothingMovesBack() {
            Watermark a = Watermark.of(Map.of(T0, 5L));

            assertThat(a.merge(Watermark.of(Map.of(T0, 3L)))).isEqualTo(a);
        }

        @Test
        void givenEmpty_thenIdentity_andNeitherSideChanges() {
            Watermark a = Watermark.of(Map.of(T0, 5L));
            Watermark b = Watermark.of(Map.of(T0, 9L));

            assertThat(a.merge(Watermark.empty())).isEqualTo(a);
            assertThat(Watermark.empty().merge(a)).isEqualTo(a);
            a.merge(b);
            assertThat(a.offset(T0)).hasValue(5);
            assertThat(b.offset(T0)).hasValue(9);
        }
    }

    @Nested
    class Immutability {

        @Test
        void givenTheSourceMapChangesLater_thenTheWatermarkDoesNot() {
            Map<SourcePartition, Long> source = new HashMap<>(Map.of(T0, 5L));
            Watermark wm = Watermark.of(source);

            source.put(T0, 99L);
            source.put(T1, 1L);

            assertThat(wm).isEqualTo(Watermark.of(Map.of(T0, 5L)));
        }

        @Test
        void givenTheOffsetsView_thenItCannotBeChanged() {
            Watermark wm = Watermark.of(Map.of(T0, 5L));

            assertThatThrownBy(() -> wm.offsets().put(T1, 1L)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> wm.offsets().remove(T0)).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void givenTheOffsets_thenSortedByTopicThenNumericPartition() {
            Watermark wm = Watermark.of(Map.of(U0, 1L, T10, 2L, T2, 3L, T0, 4L));

            assertThat(List.copyOf(wm.offsets().keySet())).containsExactly(T0, T2, T10, U0);
        }

        @Test
        void givenEqualContentBuiltDifferently_thenEqualWithEqualHashCodes() {
            Watermark a = Watermark.of(Map.of(T0, 5L, T1, 7L));
            Watermark b = Watermark.empty().advance(T1, 7).advance(T0, 5);

            assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
            assertThat(a).isNotEqualTo(Watermark.of(Map.of(T0, 5L)));
        }
    }

    @Nested
    class Json {

        @Test
        void givenTwoPartitions_thenTheHandWrittenJson() {
            assertThat(Watermark.of(Map.of(T1, 7L, T0, 5L)).toJson()).isEqualTo("{\"t\":{\"0\":5,\"1\":7}}");
        }

        @Test
        void givenEmpty_thenAnEmptyObject() {
            assertThat(Watermark.empty().toJson()).isEqualTo("{}");
            assertThat(Watermark.fromJson("{}")).isEqualTo(Watermark.empty());
        }

        @Test
        void givenPartitionsTwoAndTen_thenTenComesAfterTwo() {
            // as strings "10" < "2"; the JSON must list partitions in numeric order
            assertThat(Watermark.of(Map.of(T10, 3L, T2, 1L)).toJson()).isEqualTo("{\"t\":{\"2\":1,\"10\":3}}");
        }

        @Test
        void givenSeveralTopics_thenTopicsSortedByName() {
            SourcePartition order = new SourcePartition("net.chrisrichardson.ftgo.orderservice.domain.Order", 0);
            Watermark wm = Watermark.of(Map.of(U0, 1L, order, 4_294_967_296L, T0, 0L));

            assertThat(wm.toJson())
                    .isEqualTo("{\"net.chrisrichardson.ftgo.orderservice.domain.Order\":{\"0\":4294967296},"
                            + "\"t\":{\"0\":0},\"u\":{\"0\":1}}");
        }

        @Test
        void givenTheHandWrittenJson_thenTheWatermark() {
            assertThat(Watermark.fromJson("{\"t\":{\"0\":5,\"1\":7}}")).isEqualTo(Watermark.of(Map.of(T0, 5L, T1, 7L)));
            assertThat(Watermark.fromJson(" { \"t\" : { \"10\" : 3 , \"2\" : 1 } } "))
                    .isEqualTo(Watermark.of(Map.of(T2, 1L, T10, 3L)));
        }

        @Test
        void givenAnyWatermark_whenWrittenAndRead_thenEqual() {
            Watermark wm = Watermark.of(Map.of(T0, 0L, T2, 2L, T10, Long.MAX_VALUE, U0, 42L));

            assertThat(Watermark.fromJson(wm.toJson())).isEqualTo(wm);
            assertThat(Watermark.fromJsonMap(wm.toJsonMap())).isEqualTo(wm);
        }

        @Test
        void givenTheJsonMap_thenTopicsAndPartitionsAsStrings() {
            Map<String, Map<String, Long>> expected = new LinkedHashMap<>();
            expected.put("t", Map.of("0", 5L, "10", 7L));
            expected.put("u", Map.of("0", 1L));

            assertThat(Watermark.of(Map.of(T0, 5L, T10, 7L, U0, 1L)).toJsonMap()).isEqualTo(expected);
        }

        @Test
        void givenToString_thenTheJson() {
            assertThat(Watermark.of(Map.of(T0, 5L))).hasToString("{\"t\":{\"0\":5}}");
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {
                "not json",
                "",
                "[1]",
                "{\"t\":5}",
                "{\"t\":[5]}",
                "{\"t\":{\"x\":1}}",
                "{\"t\":{\"0\":-1}}",
                "{\"t\":{\"-1\":1}}",
                "{\"t\":{\"0\":\"abc\"}}",
                "{\"t\":{\"0\":null}}",
                "{\"t+x\":{\"0\":1}}",
                "{\"\":{\"0\":1}}",
                "{\"t\":{\"0\":5}",
        })
        void givenBadJson_thenIllegalArgument(String json) {
            assertThatThrownBy(() -> Watermark.fromJson(json)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void givenAPartitionThatIsNotANumber_thenTheMessageNamesIt() {
            assertThatThrownBy(() -> Watermark.fromJson("{\"t\":{\"zero\":1}}"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero");
        }
        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"null", "{\"t\":null}"})
        void givenJsonNulls_thenIllegalArgument(String json) {
            assertThatThrownBy(() -> Watermark.fromJson(json)).isInstanceOf(IllegalArgumentException.class);
        }
        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"{\"t\":{\"0\":1.7}}", "{\"t\":{\"0\":5}} x"})
        void givenCorruptButParseableJson_thenIllegalArgument(String json) {
            assertThatThrownBy(() -> Watermark.fromJson(json)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
