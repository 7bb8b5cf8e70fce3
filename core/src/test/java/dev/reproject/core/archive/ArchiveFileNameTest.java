package dev.reproject.core.archive;

import dev.reproject.core.event.SourcePartition;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveFileNameTest {

    private static final String ORDER = "net.chrisrichardson.ftgo.orderservice.domain.Order";

    @Nested
    class Parse {

        @Test
        void givenADefaultPartitionerPath_thenTopicPartitionAndStartOffsetComeFromTheName() {
            String path = "topics/" + ORDER + "/partition=3/" + ORDER + "+3+0000001234.json";

            assertThat(ArchiveFileName.parse(path))
                    .contains(new ArchiveFile(path, new SourcePartition(ORDER, 3), 1234, false));
        }

        @Test
        void givenJsonGz_thenGzip() {
            String path = "topics/" + ORDER + "/partition=3/" + ORDER + "+3+0000001234.json.gz";

            assertThat(ArchiveFileName.parse(path))
                    .contains(new ArchiveFile(path, new SourcePartition(ORDER, 3), 1234, true));
        }

        @Test
        void givenTimeBasedDirectories_thenTheyAreIgnored() {
            String path = "topics/" + ORDER + "/year=2026/month=11/day=30/hour=09/" + ORDER + "+0+0000000042.json.gz";

            assertThat(ArchiveFileName.parse(path))
                    .contains(new ArchiveFile(path, new SourcePartition(ORDER, 0), 42, true));
        }

        @Test
        void givenAnS3aUri_thenThePathIsKeptWholeAndOnlyTheNameIsParsed() {
            String path = "s3a://bucket/x/" + ORDER + "+7+0000000000.json";

            assertThat(ArchiveFileName.parse(path))
                    .contains(new ArchiveFile(path, new SourcePartition(ORDER, 7), 0, false));
        }

        @Test
        void givenABareName_thenParsed_andOffsetsNeedNoPadding() {
            assertThat(ArchiveFileName.parse("orders+12+5.json"))
                    .contains(new ArchiveFile("orders+12+5.json", new SourcePartition("orders", 12), 5, false));
        }

        @Test
        void givenAPlusInADirectory_thenOnlyTheNameCounts() {
            String path = "odd+dir/a+b/orders+1+9.json";

            assertThat(ArchiveFileName.parse(path))
                    .contains(new ArchiveFile(path, new SourcePartition("orders", 1), 9, false));
        }

        @Test
        void givenTheLargestLongOffset_thenParsed() {
            assertThat(ArchiveFileName.parse("t+0+9223372036854775807.json"))
                    .map(ArchiveFile::startOffset).contains(Long.MAX_VALUE);
        }

        @Test
        void givenATopicWithDotsDashesAndUnderscores_thenParsed() {
            assertThat(ArchiveFileName.parse("a.b-c_d+2+10.json"))
                    .map(ArchiveFile::topicPartition).contains(new SourcePartition("a.b-c_d", 2));
        }
    }

    @Nested
    class Rejects {

        @Test
        void givenAPlusInTheTopicPart_thenNotParsed_neverAsTopicAOrB() {
            // Kafka topic names cannot hold '+': "a+b+1+2.json" has four '+'-separated parts and cannot be split
            // into <topic>+<partition>+<offset> without a '+' in the topic. It must not become topic "a" with
            // partition "b", nor topic "b" with partition 1 and offset 2.
            assertThat(ArchiveFileName.parse("a+b+1+2.json")).isEmpty();
            assertThat(ArchiveFileName.parse("topics/x/a+b+1+2.json.gz")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "_reproject-generator.json",
                "x.json",
                "t+1+2.avro",
                "t+1+2.parquet",
                "t+-1+2.json",
                "t+1+-2.json",
                "t+1+2.json.tmp",
                "t+1+2.jsonl",
                "t+1+2.gz",
                "t+1+2",
                "t+1+.json",
                "t++2.json",
                "+1+2.json",
                "t+1+2x.json",
                "t+1.5+2.json",
                "t+1+2.json/",                              // a directory-like key: the name is empty
                "t+1+2.json/readme.txt",
                "t+1234567890+2.json",                      // 10-digit partition
                "t+0+9223372036854775808.json",             // Long.MAX_VALUE + 1
                "t+0+99999999999999999999.json",            // 20 digits
                "",
        })
        void givenANameThatIsNotAConnectArchiveName_thenEmpty(String path) {
            assertThat(ArchiveFileName.parse(path)).isEmpty();
        }
    }

    @Nested
    class Format {

        @Test
        void givenAnOffset_thenZeroPaddedToTenDigits() {
            assertThat(ArchiveFileName.format(new SourcePartition(ORDER, 3), 1234, false))
                    .isEqualTo(ORDER + "+3+0000001234.json");
            assertThat(ArchiveFileName.format(new SourcePartition("t", 0), 0, true))
                    .isEqualTo("t+0+0000000000.json.gz");
        }

        @Test
        void givenAnOffsetOfMoreThanTenDigits_thenNotTruncated() {
            assertThat(ArchiveFileName.format(new SourcePartition("t", 11), 12_345_678_901L, false))
                    .isEqualTo("t+11+12345678901.json");
        }

        @ParameterizedTest
        @ValueSource(longs = {0, 1, 1234, 9_999_999_999L, 10_000_000_000L, Long.MAX_VALUE})
        void givenAFormattedName_whenParsed_thenTheSameFile(long offset) {
            SourcePartition tp = new SourcePartition(ORDER, 5);
            for (boolean gzip : new boolean[]{false, true}) {
                String path = "topics/" + ORDER + "/partition=5/" + ArchiveFileName.format(tp, offset, gzip);

                assertThat(ArchiveFileName.parse(path)).contains(new ArchiveFile(path, tp, offset, gzip));
            }
        }
        @ParameterizedTest
        @ValueSource(strings = {"th-TH-u-nu-thai", "ar-EG"})
        void givenADefaultLocaleWithOtherDigits_thenStillAsciiDigits(String languageTag) {
            Locale saved = Locale.getDefault();
            try {
                Locale.setDefault(Locale.forLanguageTag(languageTag));

                assertThat(ArchiveFileName.format(new SourcePartition("t", 3), 1234, false))
                        .isEqualTo("t+3+0000001234.json");
            } finally {
                Locale.setDefault(saved);
            }
        }
    }
}
