package dev.reproject.core.archive;

import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every expected value below is worked out by hand from the file list: a file starting at s with n lines holds
 * s .. s+n-1.
 */
class PartitionProgressTest {

    private static final SourcePartition TP = new SourcePartition("orders", 0);
    private static final String DIR = "topics/orders/partition=0/";

    @Nested
    class FullRun {

        @Test
        void givenContiguousFiles_thenEveryOffsetIsTakenOnce_andTheWatermarkIsTheLastOffset() {
            FileRead a = read(DIR + "a", 0, 10);   // 0..9
            FileRead b = read(DIR + "b", 10, 5);   // 10..14
            FileRead c = read(DIR + "c", 15, 20);  // 15..34

            PartitionProgress progress = compute(ArchivePosition.beginning(), false, c, a, b);

            assertThat(progress.topicPartition()).isEqualTo(TP);
            assertThat(progress.watermark()).isEqualTo(OptionalLong.of(34));
            assertThat(progress.lastFile()).contains(new FileSpan(DIR + "c", 15, 20));
            assertThat(progress.taken()).isEqualTo(Map.of(
                    DIR + "a", new OffsetRange(0, 9),
                    DIR + "b", new OffsetRange(10, 14),
                    DIR + "c", new OffsetRange(15, 34)));
            assertThat(progress.holes()).isEmpty();
            assertThat(progress.stoppedAtHole()).isFalse();
            assertThat(progress.duplicates()).isZero();
            assertThat(progress.deferred()).isZero();
        }

        @Test
        void givenNoFiles_thenNoWatermarkAndNoLastFile() {
            PartitionProgress progress = compute(ArchivePosition.beginning(), false);

            assertThat(progress.watermark()).isEmpty();
            assertThat(progress.lastFile()).isEmpty();
            assertThat(progress.taken()).isEmpty();
            assertThat(progress.holes()).isEmpty();
        }

        @Test
        void givenTheFirstFileStartsAfterZero_thenReadingStartsThere_olderOffsetsMayHaveExpired() {
            // e.g. Kafka's retention had removed 0..1233 before the connector started
            FileRead first = read(DIR + "first", 1234, 10); // 1234..1243

            PartitionProgress progress = compute(ArchivePosition.beginning(), false, first);

            assertThat(progress.holes()).isEmpty();
            assertThat(progress.watermark()).hasValue(1243);
            assertThat(progress.taken()).isEqualTo(Map.of(DIR + "first", new OffsetRange(1234, 1243)));
            assertThat(progress.duplicates()).isZero();
        }

        @Test
        void givenTheFirstFileStartsAfterZero_thenAHoleAfterItIsStillAHole() {
            FileRead first = read(DIR + "first", 1234, 10); // 1234..1243
            FileRead later = read(DIR + "later", 1254, 5);  // 1254..1258; 1244..1253 missing

            PartitionProgress progress = compute(ArchivePosition.beginning(), false, later, first);

            assertThat(holes(progress)).containsExactly(tuple(TP, 1244L, 1253L, false));
            assertThat(progress.watermark()).hasValue(1243);
            assertThat(progress.deferred()).isEqualTo(5);
        }

        @Test
        void givenTheFirstFileStartsAfterZero_andAnIncrementalRunOpensTheSame_thenItIsNotReadAgain() {
            FileRead first = read(DIR + "first", 1234, 10);

            PartitionProgress progress = compute(position(1243, first), false, first);

            assertThat(progress.duplicates()).isEqualTo(10);
            assertThat(progress.taken()).isEmpty();
            assertThat(progress.watermark()).hasValue(1243);
        }
    }

    @Nested
    class Incremental {

        private final FileRead b = read(DIR + "b", 10, 5);   // 10..14, read by the earlier run
        private final ArchivePosition afterB = position(14, b);

        @Test
        void givenANewFile_thenOnlyItsOffsetsAreTaken() {
            FileRead c = read(DIR + "c", 15, 20); // 15..34

            PartitionProgress progress = compute(afterB, false, c);

            assertThat(progress.taken()).isEqualTo(Map.of(DIR + "c", new OffsetRange(15, 34)));
            assertThat(progress.watermark()).hasValue(34);
            assertThat(progress.lastFile()).contains(new FileSpan(DIR + "c", 15, 20));
            assertThat(progress.duplicates()).isZero();
        }

        @Test
        void givenNothingOpened_thenTheEarlierPositionStands() {
            PartitionProgress progress = compute(afterB, false);

            assertThat(progress.watermark()).hasValue(14);
            assertThat(progress.lastFile()).contains(new FileSpan(DIR + "b", 10, 5));
            assertThat(progress.taken()).isEmpty();
            assertThat(progress.holes()).isEmpty();
            assertThat(progress.duplicates()).isZero();
        }

        @Test
        void givenAFileWhollyBelowTheWatermarkIsOpenedAgain_thenAllItsLinesAreDuplicates() {
            // no record of the last file, so the selection had to open it again
            ArchivePosition noLastFile = new ArchivePosition(Watermark.of(Map.of(TP, 14L)), Map.of());

            PartitionProgress progress = compute(noLastFile, false, b);

            assertThat(progress.duplicates()).isEqualTo(5);
            assertThat(progress.taken()).isEmpty();
            assertThat(progress.watermark()).hasValue(14);
            assertThat(progress.lastFile()).isEmpty();
        }

        @Test
        void givenAnotherPartitionsPosition_thenThisPartitionStartsFromNothing() {
            SourcePartition other = new SourcePartition("orders", 1);
            ArchivePosition elsewhere = new ArchivePosition(Watermark.of(Map.of(other, 99L)),
                    Map.of(other, new FileSpan("x", 90, 10)));

            PartitionProgress progress = compute(elsewhere, false, read(DIR + "a", 0, 10));

            assertThat(progress.taken()).isEqualTo(Map.of(DIR + "a", new OffsetRange(0, 9)));
            assertThat(progress.watermark()).hasValue(9);
            assertThat(progress.duplicates()).isZero();
        }
    }

    @Nested
    class RedeliveredCopies {

        @Test
        void givenACopyInAnotherDirectory_thenItsLinesAreDuplicates_andNothingIsTakenTwice() {
            FileRead a = read("p/orders+0+0.json", 0, 10);       // 0..9
            FileRead copy = read("q/orders+0+0.json", 0, 10);    // 0..9 again
            FileRead b = read("p/orders+0+10.json", 10, 10);     // 10..19

            PartitionProgress progress = compute(ArchivePosition.beginning(), false, b, copy, a);

            assertThat(progress.taken()).isEqualTo(Map.of(
                    "p/orders+0+0.json", new OffsetRange(0, 9),
                    "p/orders+0+10.json", new OffsetRange(10, 19)));
            assertThat(progress.duplicates()).isEqualTo(10);
            assertThat(progress.watermark()).hasValue(19);
            assertThat(progress.lastFile()).contains(new FileSpan("p/orders+0+10.json", 10, 10));
        }

        @Test
        void givenTwoCopies_thenTheOneFirstInPathOrderIsTaken() {
            FileRead late = read("z/orders+0+0.json", 0, 10);
            FileRead early = read("b/orders+0+0.json", 0, 10);

            PartitionProgress progress = compute(ArchivePosition.beginning(), false, late, early);

            assertThat(progress.taken()).isEqualTo(Map.of("b/orders+0+0.json", new OffsetRange(0, 9)));
            assertThat(progress.lastFile()).contains(new FileSpan("b/orders+0+0.json", 0, 10));
            assertThat(progress.duplicates()).isEqualTo(10);
        }

        @Test
        void givenACopyOfAFileTheEarlierRunRead_thenDuplicates() {
            FileRead b = read("p/orders+0+10.json", 10, 10);        // 10..19, read earlier
            FileRead copyOfB = read("q/orders+0+10.json", 10, 10);
            FileRead c = read("p/orders+0+20.json", 20, 5);         // 20..24

            PartitionProgress progress = compute(position(19, b), false, copyOfB, c);

            assertThat(progress.duplicates()).isEqualTo(10);
            assertThat(progress.taken()).isEqualTo(Map.of("p/orders+0+20.json", new OffsetRange(20, 24)));
            assertThat(progress.watermark()).hasValue(24);
        }

        @Test
        void givenTwoNewCopiesOfTheSameRange_thenOneIsTaken() {
            FileRead a = read("p/orders+0+0.json", 0, 10);
            FileRead b = read("p/orders+0+10.json", 10, 10);
            FileRead copyOfB = read("q/orders+0+10.json", 10, 10);
            FileRead c = read("p/orders+0+20.json", 20, 10);

            PartitionProgress progress = compute(position(9, a), false, copyOfB, c, b);

            assertThat(progress.taken()).isEqualTo(Map.of(
                    "p/orders+0+10.json", new OffsetRange(10, 19),
                    "p/orders+0+20.json", new OffsetRange(20, 29)));
            assertThat(progress.duplicates()).isEqualTo(10);
            assertThat(progress.watermark()).hasValue(29);
        }
    }

    @Nested
    class StraddlingFiles {

        @Test
        void givenAFileStartingInsideARangeAlreadyTaken_thenOnlyThePartBeyondIsTaken() {
            FileRead a = read("p/a", 0, 10);   // 0..9
            FileRead s = read("q/s", 5, 10);   // 5..14: 5..9 again, 10..14 new

            PartitionProgress progress = compute(ArchivePosition.beginning(), false, s, a);

            assertThat(progress.taken())
                    .isEqualTo(Map.of("p/a", new OffsetRange(0, 9), "q/s", new OffsetRange(10, 14)));
            assertThat(progress.duplicates()).isEqualTo(5);
            assertThat(progress.watermark()).hasValue(14);
            assertThat(progress.lastFile()).contains(new FileSpan("q/s", 5, 10));
        }

        @Test
        void givenAFileStraddlingTheEarlierWatermark_thenOnlyThePartBeyondIsTaken() {
            FileRead a = read("p/a", 0, 10);
            FileRead s = read("q/s", 5, 10);   // 5..14

            PartitionProgress progress = compute(position(9, a), false, s);

            assertThat(progress.taken()).isEqualTo(Map.of("q/s", new OffsetRange(10, 14)));
            assertThat(progress.duplicates()).isEqualTo(5);
            assertThat(progress.watermark()).hasValue(14);
        }

        @Test
        void givenAFileInsideALargerOne_thenAllItsLinesAreDuplicates() {
            FileRead big = read("p/big", 0, 20);    // 0..19
            FileRead inner = read("q/inner", 5, 5); // 5..9

            PartitionProgress progress = compute(ArchivePosition.beginning(), false, inner, big);

            assertThat(progress.taken()).isEqualTo(Map.of("p/big", new OffsetRange(0, 19)));
            assertThat(progress.duplicates()).isEqualTo(5);
            assertThat(progress.lastFile()).contains(new FileSpan("p/big", 0, 20));
        }

        @Test
        void givenOverlapsOnBothSides_thenEachOffsetIsTakenExactlyOnce() {
            FileRead a = read("p/a", 0, 10);    // 0..9
            FileRead s = read("q/s", 5, 10);    // 5..14 -> takes 10..14, 5 duplicates
            FileRead b = read("p/b", 10, 10);   // 10..19 -> takes 15..19, 5 duplicates

            PartitionProgress progress = compute(ArchivePosition.beginning(), false, b, s, a);

            assertThat(progress.taken()).isEqualTo(Map.of(
                    "p/a", new OffsetRange(0, 9),
                    "q/s", new OffsetRange(10, 14),
                    "p/b", new OffsetRange(15, 19)));
            assertThat(progress.taken().values()).extracting(OffsetRange::size).containsOnly(10L, 5L, 5L);
            assertThat(progress.duplicates()).isEqualTo(10); // 30 lines for 20 offsets
            assertThat(progress.watermark()).hasValue(19);
        }
    }

    @Nested
    class Holes {

        private final FileRead a = read(DIR + "a", 0, 10);   // 0..9
        // no file for 10..19
        private final FileRead c = read(DIR + "c", 20, 10);  // 20..29
        private final FileRead d = read(DIR + "d", 30, 5);   // 30..34

        @Test
        void givenAMissingFile_thenThePartitionStopsBeforeIt_andLaterLinesAreDeferred() {
            PartitionProgress progress = compute(ArchivePosition.beginning(), false, d, c, a);

            assertThat(holes(progress)).containsExactly(tuple(TP, 10L, 19L, false));
            assertThat(progress.holes().get(0).size()).isEqualTo(10);
            assertThat(progress.holes().get(0).cause()).isNotBlank();
            assertThat(progress.stoppedAtHole()).isTrue();
            assertThat(progress.watermark()).hasValue(9);
            assertThat(progress.lastFile()).contains(new FileSpan(DIR + "a", 0, 10));
            assertThat(progress.taken()).isEqualTo(Map.of(DIR + "a", new OffsetRange(0, 9)));
            assertThat(progress.deferred()).isEqualTo(15); // c 10 + d 5
            assertThat(progress.duplicates()).isZero();
        }

        @Test
        void givenAMissingFile_andGapsAllowed_thenTheHoleIsPassed_andTheWatermarkGoesToTheEnd() {
            PartitionProgress progress = compute(ArchivePosition.beginning(), true, d, c, a);

            assertThat(holes(progress)).containsExactly(tuple(TP, 10L, 19L, true));
            assertThat(progress.stoppedAtHole()).isFalse();
            assertThat(progress.watermark()).hasValue(34);
            assertThat(progress.lastFile()).contains(new FileSpan(DIR + "d", 30, 5));
            assertThat(progress.taken()).isEqualTo(Map.of(
                    DIR + "a", new OffsetRange(0, 9),
                    DIR + "c", new OffsetRange(20, 29),
                    DIR + "d", new OffsetRange(30, 34)));
            assertThat(progress.deferred()).isZero();
        }

        @Test
        void givenTwoHoles_andGapsAllowed_thenBothArePassed() {
            FileRead e = read(DIR + "e", 40, 5);  // 40..44; 30..39 missing too

            PartitionProgress progress = compute(ArchivePosition.beginning(), true, a, c, e);

            assertThat(holes(progress)).containsExactly(tuple(TP, 10L, 19L, true), tuple(TP, 30L, 39L, true));
            assertThat(progress.watermark()).hasValue(44);
        }

        @Test
        void givenTwoHoles_thenOnlyTheFirstIsReported_andEverythingAfterItDeferred() {
            FileRead e = read(DIR + "e", 40, 5);

            PartitionProgress progress = compute(ArchivePosition.beginning(), false, a, c, e);

            assertThat(holes(progress)).containsExactly(tuple(TP, 10L, 19L, false));
            assertThat(progress.deferred()).isEqualTo(15); // c 10 + e 5
            assertThat(progress.watermark()).hasValue(9);
        }

        @Test
        void givenAHoleRightAfterTheEarlierWatermark_thenTheEarlierPositionStands() {
            PartitionProgress progress = compute(position(9, a), false, c);

            assertThat(holes(progress)).containsExactly(tuple(TP, 10L, 19L, false));
            assertThat(progress.watermark()).hasValue(9);
            assertThat(progress.lastFile()).contains(new FileSpan(DIR + "a", 0, 10));
            assertThat(progress.deferred()).isEqualTo(10);
        }

        @Test
        void givenDuplicatesBeforeAHole_thenTheyAreStillCounted() {
            FileRead b = read(DIR + "b", 10, 10);                 // 10..19, read earlier
            FileRead copyOfB = read("redelivered/b", 10, 10);

            PartitionProgress progress = compute(position(19, b), false, copyOfB, d);

            assertThat(progress.duplicates()).isEqualTo(10);
            assertThat(holes(progress)).containsExactly(tuple(TP, 20L, 29L, false));
            assertThat(progress.deferred()).isEqualTo(5);
            assertThat(progress.watermark()).hasValue(19);
        }

        @Test
        void givenTheMissingFileAppearsInALaterRun_thenExactlyTheMissingOffsetsAndWhatFollowsAreTaken() {
            FileRead b = read(DIR + "b", 10, 10);  // 10..19, the file that was missing
            PartitionProgress first = compute(ArchivePosition.beginning(), false, a, c, d);
            // the stopped run listed a, c, d; only a starts at or below its watermark 9
            ArchivePosition stopped = new ArchivePosition(Watermark.of(Map.of(TP, first.watermark().getAsLong())),
                    Map.of(TP, first.lastFile().orElseThrow()), Map.of(TP, new TreeSet<>(Set.of(a.file().path()))));

            List<FileRead> listed = List.of(a, b, c, d);
            FileSelection selection = FileSelection.select(listed.stream().map(FileRead::file).toList(),
                    stopped.offset(TP), stopped.knownFiles(TP));
            List<FileRead> opened = listed.stream().filter(r -> selection.toOpen().contains(r.file())).toList();
            PartitionProgress second = PartitionProgress.compute(TP, stopped, opened, false);

            assertThat(selection.toOpen()).containsExactly(b.file(), c.file(), d.file());
            assertThat(second.taken()).isEqualTo(Map.of(
                    DIR + "b", new OffsetRange(10, 19),
                    DIR + "c", new OffsetRange(20, 29),
                    DIR + "d", new OffsetRange(30, 34)));
            assertThat(second.holes()).isEmpty();
            assertThat(second.duplicates()).isZero();
            assertThat(second.deferred()).isZero();
            assertThat(second.watermark()).hasValue(34);
            assertThat(second.lastFile()).contains(new FileSpan(DIR + "d", 30, 5));
        }
    }

    @Nested
    class UnreadableFiles {

        private final FileRead a = read("p/a", 0, 10);   // 0..9

        @Test
        void givenAnUnreadableCopyOfARangeAnotherFileHolds_thenNoHole() {
            FileRead b = read("p/b", 10, 10);

            PartitionProgress before = compute(ArchivePosition.beginning(), false, unreadable("a/copy-of-a", 0), a, b);
            PartitionProgress after = compute(ArchivePosition.beginning(), false, a, unreadable("q/copy-of-a", 0), b);

            for (PartitionProgress progress : List.of(before, after)) {
                assertThat(progress.holes()).isEmpty();
                assertThat(progress.watermark()).hasValue(19);
                assertThat(progress.taken())
                        .isEqualTo(Map.of("p/a", new OffsetRange(0, 9), "p/b", new OffsetRange(10, 19)));
            }
        }

        @Test
        void givenAnUnreadableFileThatAloneHoldsARange_thenAHole() {
            FileRead c = read("p/c", 20, 10);

            PartitionProgress progress = compute(ArchivePosition.beginning(), false, a, unreadable("p/b", 10), c);

            assertThat(holes(progress)).containsExactly(tuple(TP, 10L, 19L, false));
            assertThat(progress.watermark()).hasValue(9);
            assertThat(progress.deferred()).isEqualTo(10);
            assertThat(progress.taken()).isEqualTo(Map.of("p/a", new OffsetRange(0, 9)));
        }

        @Test
        void givenAnUnreadableFileThatAloneHoldsARange_andGapsAllowed_thenPassed() {
            FileRead c = read("p/c", 20, 10);

            PartitionProgress progress = compute(ArchivePosition.beginning(), true, a, unreadable("p/b", 10), c);

            assertThat(holes(progress)).containsExactly(tuple(TP, 10L, 19L, true));
            assertThat(progress.watermark()).hasValue(29);
        }

        @Test
        void givenAnUnreadableLastFile_thenAHoleWithUnknownEnd() {
            PartitionProgress progress = compute(ArchivePosition.beginning(), false, unreadable("p/b", 10), a);

            assertThat(holes(progress)).containsExactly(tuple(TP, 10L, -1L, false));
            Hole hole = progress.holes().get(0);
            assertThat(hole.isEndKnown()).isFalse();
            assertThat(hole.size()).isEqualTo(-1);
            assertThat(hole.cause()).contains("p/b");
            assertThat(hole.toString()).contains("10..?");
            assertThat(progress.stoppedAtHole()).isTrue();
            assertThat(progress.watermark()).hasValue(9);
            assertThat(progress.lastFile()).contains(new FileSpan("p/a", 0, 10));
        }

        @Test
        void givenAnUnreadableLastFile_andGapsAllowed_thenStillStopped_anUnknownEndCannotBePassed() {
            PartitionProgress progress = compute(ArchivePosition.beginning(), true, a, unreadable("p/b", 10));

            assertThat(holes(progress)).containsExactly(tuple(TP, 10L, -1L, false));
            assertThat(progress.watermark()).hasValue(9);
        }

        @Test
        void givenOnlyAnUnreadableFile_thenAHoleFromZero() {
            PartitionProgress progress = compute(ArchivePosition.beginning(), false, unreadable("p/a", 0));

            assertThat(holes(progress)).containsExactly(tuple(TP, 0L, -1L, false));
            assertThat(progress.watermark()).isEmpty();
            assertThat(progress.taken()).isEmpty();
        }

        @Test
        void givenAnUnreadableFirstFileInAFirstRead_thenAHoleStopsThePartition() {
            FileRead b = read("p/b", 10, 10);

            PartitionProgress progress = compute(ArchivePosition.beginning(), false, unreadable("p/a", 0), b);

            assertThat(progress.holes()).extracting(Hole::firstMissing, Hole::passed).containsExactly(tuple(0L, false));
            assertThat(progress.stoppedAtHole()).isTrue();
            assertThat(progress.watermark()).isEmpty();
            assertThat(progress.taken()).isEmpty();
        }

        @Test
        void givenOnlyAnUnreadableFileAfterZeroInAFirstRead_thenTheHoleStartsAtThatFile() {
            PartitionProgress progress = compute(ArchivePosition.beginning(), false, unreadable("p/x", 1234));

            assertThat(holes(progress)).containsExactly(tuple(TP, 1234L, -1L, false));
        }

        @Test
        void givenAnUnreadableFileBelowTheEarlierWatermark_thenNoHole() {
            FileRead b = read("p/b", 10, 10);

            PartitionProgress progress = compute(position(19, b), false, unreadable("q/b", 10));

            assertThat(progress.holes()).isEmpty();
            assertThat(progress.watermark()).hasValue(19);
        }

        @Test
        void givenAnUnreadableFileAfterAHoleAlreadyStoppedAt_thenOnlyTheFirstHole() {
            FileRead c = read("p/c", 20, 10);

            PartitionProgress progress = compute(ArchivePosition.beginning(), false, a, c, unreadable("p/d", 30));

            assertThat(holes(progress)).containsExactly(tuple(TP, 10L, 19L, false));
        }
    }

    @Nested
    class EmptyFiles {

        @Test
        void givenAnEmptyFileAtTheFrontier_thenItChangesNothing() {
            FileRead a = read("p/a", 0, 10);
            FileRead empty = read("a/empty", 10, 0);  // sorts before b: same start, "a/" < "p/"
            FileRead b = read("p/b", 10, 10);

            PartitionProgress progress = compute(ArchivePosition.beginning(), false, b, empty, a);

            assertThat(progress.holes()).isEmpty();
            assertThat(progress.duplicates()).isZero();
            assertThat(progress.deferred()).isZero();
            assertThat(progress.taken())
                    .isEqualTo(Map.of("p/a", new OffsetRange(0, 9), "p/b", new OffsetRange(10, 19)));
            assertThat(progress.watermark()).hasValue(19);
            assertThat(progress.lastFile()).contains(new FileSpan("p/b", 10, 10));
        }

        @Test
        void givenOnlyAnEmptyFile_thenNothing() {
            PartitionProgress progress = compute(ArchivePosition.beginning(), false, read("p/empty", 0, 0));

            assertThat(progress.holes()).isEmpty();
            assertThat(progress.watermark()).isEmpty();
            assertThat(progress.lastFile()).isEmpty();
            assertThat(progress.taken()).isEmpty();
            assertThat(progress.duplicates()).isZero();
            assertThat(progress.deferred()).isZero();
        }

        @Test
        void givenAnEmptyFileBelowTheEarlierWatermark_thenNothingChanges() {
            FileRead b = read("p/b", 10, 10);

            PartitionProgress progress = compute(position(19, b), false, read("q/empty", 15, 0));

            assertThat(progress.holes()).isEmpty();
            assertThat(progress.duplicates()).isZero();
            assertThat(progress.watermark()).hasValue(19);
            assertThat(progress.lastFile()).contains(new FileSpan("p/b", 10, 10));
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static PartitionProgress compute(ArchivePosition from, boolean allowGaps, FileRead... opened) {
        return PartitionProgress.compute(TP, from, List.of(opened), allowGaps);
    }

    private static FileRead read(String path, long start, long lines) {
        return FileRead.of(new ArchiveFile(path, TP, start, false), lines);
    }

    private static FileRead unreadable(String path, long start) {
        return FileRead.unreadable(new ArchiveFile(path, TP, start, true));
    }

    /** Where an earlier run stopped: at {@code watermark}, having read {@code last} last. */
    private static ArchivePosition position(long watermark, FileRead last) {
        return new ArchivePosition(Watermark.of(Map.of(TP, watermark)), Map.of(TP, last.span()));
    }

    private static List<org.assertj.core.groups.Tuple> holes(PartitionProgress progress) {
        return progress.holes().stream()
                .map(h -> tuple(h.topicPartition(), h.firstMissing(), h.lastMissing(), h.passed()))
                .toList();
    }
}
