package dev.reproject.archiver.file;

import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.archive.OffsetRange;
import dev.reproject.core.archive.connect.Gzip;
import dev.reproject.core.event.SourcePartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which file gives which offsets, and where the archive ends: the fixtures are drawn by hand. */
class PartitionPlanTest {

    private static final SourcePartition TP = new SourcePartition("t", 0);

    @TempDir
    Path dir;
    private LocalArchiveStore store;

    @BeforeEach
    void store() {
        store = new LocalArchiveStore(dir.toString());
    }

    /** A file of offsets start..start+count-1, each line "o<offset>". */
    private void file(String directory, long start, int count, boolean gzip) throws IOException {
        String content = LongStream.range(start, start + count).mapToObj(o -> "o" + o + "\n")
                .collect(Collectors.joining());
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        store.write(directory + "/" + String.format("t+0+%010d.json%s", start, gzip ? ".gz" : ""),
                gzip ? Gzip.compress(bytes, 0) : bytes);
    }

    private void corrupt(String directory, long start) throws IOException {
        byte[] gzip = Gzip.compress(("x".repeat(2000) + "\n").getBytes(StandardCharsets.UTF_8), 0);
        store.write(directory + "/" + String.format("t+0+%010d.json.gz", start), Arrays.copyOf(gzip, gzip.length / 2));
    }

    private PartitionPlan plan(OptionalLong from, OptionalLong until) throws IOException {
        return PartitionPlan.of(store, TP, ArchiveIndex.list(store, List.of("t")).files(TP), from, until);
    }

    private static List<String> segments(PartitionPlan plan) {
        return plan.segments().stream().map(s -> s.file().startOffset() + ":" + s.first() + ".." + s.last()).toList();
    }

    @Test
    void reDeliveredCopiesAreDuplicatesAndACorruptCopyIsSkipped() throws IOException {
        file("topics/t/partition=0", 0, 10, false);        // 0..9
        file("topics/t/partition=0", 5, 5, false);         // 5..9 again: a re-delivered tail
        corrupt("topics/t/partition=0", 0);                // beside the original, unreadable
        file("topics/t/partition=0", 10, 10, false);       // 10..19
        file("other/t/partition=0", 10, 10, true);         // 10..19 again, under another topics.dir

        PartitionPlan plan = plan(OptionalLong.empty(), OptionalLong.empty());

        assertThat(segments(plan)).containsExactly("0:0..9", "10:10..19");
        assertThat(plan.duplicateLines()).isEqualTo(15);
        assertThat(plan.missing()).isEmpty();
        assertThat(plan.unreadable()).containsExactly("topics/t/partition=0/t+0+0000000000.json.gz");
        assertThat(plan.records()).isEqualTo(20);
        assertThat(plan.span()).isEqualTo(new OffsetRange(0, 19));
    }

    @Test
    void aFileThatStartsInsideAnOldRangeGivesOnlyItsNewOffsets() throws IOException {
        file("d", 0, 10, false);   // 0..9
        file("d", 8, 6, false);    // 8..13: 8, 9 duplicates, 10..13 new

        PartitionPlan plan = plan(OptionalLong.empty(), OptionalLong.empty());

        assertThat(segments(plan)).containsExactly("0:0..9", "8:10..13");
        assertThat(plan.duplicateLines()).isEqualTo(2);
    }

    @Test
    void offsetsOnlyACorruptFileHeldAreMissing() throws IOException {
        file("d", 0, 10, false);
        corrupt("d", 10);
        file("d", 20, 5, false);

        PartitionPlan plan = plan(OptionalLong.empty(), OptionalLong.empty());

        assertThat(plan.missing()).containsExactly(new OffsetRange(10, 19));
        assertThat(segments(plan)).containsExactly("0:0..9", "20:20..24");
    }

    @Test
    void fromAndUntilCutThePlan() throws IOException {
        file("d", 0, 10, false);
        file("d", 10, 10, false);
        file("d", 20, 10, false);

        assertThat(segments(plan(OptionalLong.empty(), OptionalLong.of(15)))).containsExactly("0:0..9", "10:10..14");
        PartitionPlan rest = plan(OptionalLong.of(15), OptionalLong.empty());
        assertThat(segments(rest)).containsExactly("10:15..19", "20:20..29");
        assertThat(rest.duplicateLines()).isZero();
        assertThat(plan(OptionalLong.of(3), OptionalLong.of(3)).segments()).isEmpty();
    }

    @Test
    void aStartBeforeTheFirstFileIsMissing() throws IOException {
        file("d", 5, 5, false);

        assertThat(plan(OptionalLong.of(0), OptionalLong.empty()).missing()).containsExactly(new OffsetRange(0, 4));
    }

    @Test
    void theArchiveEndsWithItsHighestReadableFile() throws IOException {
        assertThat(LastArchivedOffset.of(store, List.of())).isEmpty();

        file("d", 0, 10, false);
        file("d", 10, 7, false);
        file("e", 10, 3, false);       // a shorter copy with the same start
        assertThat(LastArchivedOffset.of(store, ArchiveIndex.list(store, List.of("t")).files(TP))).hasValue(16);

        corrupt("d", 17);              // says nothing
        assertThat(LastArchivedOffset.of(store, ArchiveIndex.list(store, List.of("t")).files(TP))).hasValue(16);
    }

    @Test
    void anArchiveOfCorruptFilesOnlyHasNoKnownEnd() throws IOException {
        corrupt("d", 0);

        assertThatThrownBy(() -> LastArchivedOffset.of(store, ArchiveIndex.list(store, List.of("t")).files(TP)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("t-0").hasMessageContaining("t+0+0000000000.json.gz");
    }

    @Test
    void hiddenPathsAndOtherTopicsAreNotListed() throws IOException {
        file("d", 0, 1, false);
        file("_temporary/d", 1, 1, false);
        store.write("d/u+0+0000000000.json", "x\n".getBytes(StandardCharsets.UTF_8));
        store.write("d/notes.txt", "x\n".getBytes(StandardCharsets.UTF_8));

        ArchiveIndex index = ArchiveIndex.list(store, List.of("t"));

        assertThat(index.files(TP)).extracting(f -> f.path()).containsExactly("d/t+0+0000000000.json");
        assertThat(index.partitionCount("t")).isEqualTo(1);
        assertThat(index.partitionCount("u")).isZero();
    }
}
