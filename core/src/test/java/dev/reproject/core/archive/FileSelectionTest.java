package dev.reproject.core.archive;

import dev.reproject.core.event.TopicPartition;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSelectionTest {

    private static final TopicPartition TP = new TopicPartition("orders", 0);

    // one partition, 10 records a file: A 0..9, B 10..19, C 20..29, D 30..39
    private static final ArchiveFile A = file("topics/orders/partition=0/orders+0+0000000000.json", 0);
    private static final ArchiveFile B = file("topics/orders/partition=0/orders+0+0000000010.json", 10);
    private static final ArchiveFile C = file("topics/orders/partition=0/orders+0+0000000020.json", 20);
    private static final ArchiveFile D = file("topics/orders/partition=0/orders+0+0000000030.json", 30);

    @Nested
    class FullRun {

        @Test
        void givenNoWatermark_thenEveryFileIsOpened_inReadingOrder() {
            FileSelection selection = FileSelection.select(List.of(C, A, D, B), OptionalLong.empty(), Optional.empty());

            assertThat(selection.toOpen()).containsExactly(A, B, C, D);
            assertThat(selection.covered()).isEmpty();
        }

        @Test
        void givenFilesWithTheSameStart_thenOrderedByPath() {
            ArchiveFile copyZ = file("z/orders+0+0000000010.json", 10);
            ArchiveFile copyM = file("m/orders+0+0000000010.json", 10);

            FileSelection selection = FileSelection.select(List.of(copyZ, B, copyM), OptionalLong.empty(),
                    Optional.empty());

            // "m/..." < "topics/..." < "z/..."
            assertThat(selection.toOpen()).containsExactly(copyM, B, copyZ);
        }

        @Test
        void givenStartOffsetsOfDifferentWidth_thenOrderedNumericallyNotByName() {
            ArchiveFile nine = file("t/orders+0+9.json", 9);
            ArchiveFile ten = file("t/orders+0+10.json", 10);

            assertThat(FileSelection.select(List.of(ten, nine), OptionalLong.empty(), Optional.empty()).toOpen())
                    .containsExactly(nine, ten);
        }

        @Test
        void givenNoFiles_thenNothing() {
            FileSelection selection = FileSelection.select(List.of(), OptionalLong.of(5), Optional.empty());

            assertThat(selection.toOpen()).isEmpty();
            assertThat(selection.covered()).isEmpty();
        }
    }

    @Nested
    class Incremental {

        @Test
        void givenFilesBelowTheWatermark_thenCovered_andNewFilesOpened() {
            // watermark 19, last file B (10..19). A: next B starts 10 <= 20 -> covered. B: next C starts 20 <= 20
            // -> covered (and it is the last file read). C: next D starts 30 > 20 -> open. D: last -> open.
            FileSelection selection = FileSelection.select(List.of(A, B, C, D), OptionalLong.of(19), last(B, 10));

            assertThat(selection.covered()).containsExactly(A, B);
            assertThat(selection.toOpen()).containsExactly(C, D);
        }

        @Test
        void givenNothingNew_thenNothingIsOpened() {
            // watermark 19, last file B: A is covered by B's start, B by the record of the earlier run
            FileSelection selection = FileSelection.select(List.of(B, A), OptionalLong.of(19), last(B, 10));

            assertThat(selection.toOpen()).isEmpty();
            assertThat(selection.covered()).containsExactly(A, B);
        }

        @Test
        void givenNoRecordOfTheLastFile_thenTheLastFileIsOpened_itsEndIsUnknown() {
            FileSelection selection = FileSelection.select(List.of(A, B), OptionalLong.of(19), Optional.empty());

            assertThat(selection.covered()).containsExactly(A);
            assertThat(selection.toOpen()).containsExactly(B);
        }

        @Test
        void givenTheNextFileStartsAtWatermarkPlusOne_thenCovered_butAtPlusTwo_thenOpened() {
            ArchiveFile at20 = file("p/orders+0+20.json", 20);
            ArchiveFile at21 = file("q/orders+0+21.json", 21);

            // watermark 19: with a next file at 20 (= 19 + 1) A..B cannot hold anything new
            assertThat(FileSelection.select(List.of(B, at20), OptionalLong.of(19), Optional.empty()).covered())
                    .containsExactly(B);
            // with a next file at 21, B may hold offset 20
            assertThat(FileSelection.select(List.of(B, at21), OptionalLong.of(19), Optional.empty()).toOpen())
                    .containsExactly(B, at21);
        }

        @Test
        void givenARecordedLastFile_thenOnlyTheSamePathAndStartMatch() {
            ArchiveFile copyOfB = file("zz-redelivered/orders+0+0000000010.json", 10);

            // A, B covered; the copy of B sorts after B ("topics/" < "zz-"), is the last file and is not the
            // recorded one: opened
            FileSelection selection = FileSelection.select(List.of(A, B, copyOfB), OptionalLong.of(19), last(B, 10));

            assertThat(selection.covered()).containsExactly(A, B);
            assertThat(selection.toOpen()).containsExactly(copyOfB);
        }

        @Test
        void givenARecordOfAFileThatNoLongerExists_thenTheListedFilesDecide() {
            FileSelection selection = FileSelection.select(List.of(A, B), OptionalLong.of(19),
                    Optional.of(new FileSpan("gone/orders+0+10.json", 10, 10)));

            assertThat(selection.toOpen()).containsExactly(B);
        }

        @Test
        void givenTheMissingFileAppearsAfterARunStoppedAtIt_thenItAndWhatFollowsAreOpened() {
            // the earlier run read A, found no B, stopped at 9 (C was opened but deferred)
            FileSelection selection = FileSelection.select(List.of(A, B, C), OptionalLong.of(9), last(A, 10));

            assertThat(selection.covered()).containsExactly(A);
            assertThat(selection.toOpen()).containsExactly(B, C);
        }

        @Test
        void givenAHolePassedEarlier_thenTheFilesAroundItStayCovered() {
            // an --allow-gaps run passed 10..19 and reached 29 through C
            FileSelection selection = FileSelection.select(List.of(A, C), OptionalLong.of(29), last(C, 10));

            assertThat(selection.toOpen()).isEmpty();
        }

        @Test
        void givenACopyOfAnOldFile_thenCovered_whenSomethingAtOrBelowWatermarkPlusOneFollowsIt() {
            ArchiveFile copyOfA = file("redelivered/orders+0+0000000000.json", 0);

            // reading order: copyOfA, A (same start; "redelivered/" < "topics/"), B, C
            FileSelection selection = FileSelection.select(List.of(A, copyOfA, B, C), OptionalLong.of(19), last(B, 10));

            assertThat(selection.covered()).containsExactly(copyOfA, A, B);
            assertThat(selection.toOpen()).containsExactly(C);
        }

        @Test
        void givenAStraddlingFileAfterTheLastFileRead_thenOpened() {
            // watermark 19 through B; S starts inside B's range (15) and may run past 19; D starts at 30 > 20
            ArchiveFile straddling = file("redelivered/orders+0+0000000015.json", 15);

            FileSelection selection = FileSelection.select(List.of(A, B, straddling, D), OptionalLong.of(19),
                    last(B, 10));

            assertThat(selection.covered()).containsExactly(A, B);
            assertThat(selection.toOpen()).containsExactly(straddling, D);
        }

        @Disabled("BUG (in the letter of SPEC §3 that FileSelection follows): a re-delivered copy that starts before a"
                + " file already read and runs past the watermark is 'covered' because the next file starts <="
                + " watermark + 1, so its records beyond the watermark are never read: the partition stays at 19 and"
                + " the next run reports a false hole 20..24 (or, with --allow-gaps, passes records that exist), and"
                + " an incremental run differs from a full run over the same archive (which reaches 24)")
        @Test
        void givenACopyThatStartsBeforeAFileReadAndRunsPastTheWatermark_thenOpened() {
            // earlier run read A (0..4), X (5..9), Y (10..19): watermark 19, last file Y.
            // Connect then re-delivered from 5 into another directory with another rotation: S holds 5..24.
            ArchiveFile a = file("hour=08/orders+0+0000000000.json", 0);
            ArchiveFile x = file("hour=08/orders+0+0000000005.json", 5);
            ArchiveFile y = file("hour=08/orders+0+0000000010.json", 10);
            ArchiveFile s = file("hour=09/orders+0+0000000005.json", 5);

            FileSelection selection = FileSelection.select(List.of(a, x, y, s), OptionalLong.of(19), last(y, 10));

            assertThat(selection.toOpen()).contains(s);
        }
    }

    @Test
    void givenTheLists_thenTheyCannotBeChanged() {
        FileSelection selection = FileSelection.select(List.of(A, B), OptionalLong.of(9), Optional.empty());

        assertThatThrownBy(() -> selection.toOpen().add(C)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> selection.covered().add(C)).isInstanceOf(UnsupportedOperationException.class);
    }

    private static ArchiveFile file(String path, long start) {
        return new ArchiveFile(path, TP, start, false);
    }

    private static Optional<FileSpan> last(ArchiveFile file, long lines) {
        return Optional.of(new FileSpan(file.path(), file.startOffset(), lines));
    }
}
