package dev.reproject.core.archive;

import dev.reproject.core.event.SourcePartition;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSelectionTest {

    private static final SourcePartition TP = new SourcePartition("orders", 0);

    // one partition, 10 records a file: A 0..9, B 10..19, C 20..29, D 30..39
    private static final ArchiveFile A = file("topics/orders/partition=0/orders+0+0000000000.json", 0);
    private static final ArchiveFile B = file("topics/orders/partition=0/orders+0+0000000010.json", 10);
    private static final ArchiveFile C = file("topics/orders/partition=0/orders+0+0000000020.json", 20);
    private static final ArchiveFile D = file("topics/orders/partition=0/orders+0+0000000030.json", 30);

    @Nested
    class FullRun {

        @Test
        void givenNoWatermark_thenEveryFileIsOpened_inReadingOrder() {
            FileSelection selection = FileSelection.select(List.of(C, A, D, B), OptionalLong.empty(), Set.of());

            assertThat(selection.toOpen()).containsExactly(A, B, C, D);
            assertThat(selection.covered()).isEmpty();
        }

        @Test
        void givenFilesWithTheSameStart_thenOrderedByPath() {
            ArchiveFile copyZ = file("z/orders+0+0000000010.json", 10);
            ArchiveFile copyM = file("m/orders+0+0000000010.json", 10);

            FileSelection selection = FileSelection.select(List.of(copyZ, B, copyM), OptionalLong.empty(),
                    Set.of());

            // "m/..." < "topics/..." < "z/..."
            assertThat(selection.toOpen()).containsExactly(copyM, B, copyZ);
        }

        @Test
        void givenStartOffsetsOfDifferentWidth_thenOrderedNumericallyNotByName() {
            ArchiveFile nine = file("t/orders+0+9.json", 9);
            ArchiveFile ten = file("t/orders+0+10.json", 10);

            assertThat(FileSelection.select(List.of(ten, nine), OptionalLong.empty(), Set.of()).toOpen())
                    .containsExactly(nine, ten);
        }

        @Test
        void givenNoFiles_thenNothing() {
            FileSelection selection = FileSelection.select(List.of(), OptionalLong.of(5), Set.of());

            assertThat(selection.toOpen()).isEmpty();
            assertThat(selection.covered()).isEmpty();
        }
    }

    @Nested
    class Incremental {

        @Test
        void givenFilesKnownAndBelowTheWatermark_thenCovered_andNewFilesOpened() {
            // watermark 19; the earlier run knew A and B (both start <= 19). C and D are new.
            FileSelection selection = FileSelection.select(List.of(A, B, C, D), OptionalLong.of(19), known(A, B));

            assertThat(selection.covered()).containsExactly(A, B);
            assertThat(selection.toOpen()).containsExactly(C, D);
        }

        @Test
        void givenNothingNew_thenNothingIsOpened() {
            FileSelection selection = FileSelection.select(List.of(B, A), OptionalLong.of(19), known(A, B));

            assertThat(selection.toOpen()).isEmpty();
            assertThat(selection.covered()).containsExactly(A, B);
        }

        @Test
        void givenAPositionThatKnowsNoFiles_thenEverythingIsOpened() {
            FileSelection selection = FileSelection.select(List.of(A, B), OptionalLong.of(19), Set.of());

            assertThat(selection.covered()).isEmpty();
            assertThat(selection.toOpen()).containsExactly(A, B);
        }

        @Test
        void givenAKnownFileThatStartsBeyondTheWatermark_thenOpened() {
            // C was listed by a run that stopped at a hole at 19: it may hold 20..29, not yet taken
            FileSelection selection = FileSelection.select(List.of(A, B, C), OptionalLong.of(19), known(A, B, C));

            assertThat(selection.covered()).containsExactly(A, B);
            assertThat(selection.toOpen()).containsExactly(C);
        }

        @Test
        void givenAFileStartingAtWatermarkPlusOne_thenOpened() {
            ArchiveFile at20 = file("p/orders+0+20.json", 20);

            assertThat(FileSelection.select(List.of(B, at20), OptionalLong.of(19), known(B, at20)).toOpen())
                    .containsExactly(at20);
        }

        @Test
        void givenACopyOfAKnownFileUnderAnotherPath_thenOpened_itsRecordsAreDuplicatesButItIsNew() {
            ArchiveFile copyOfB = file("zz-redelivered/orders+0+0000000010.json", 10);

            FileSelection selection = FileSelection.select(List.of(A, B, copyOfB), OptionalLong.of(19), known(A, B));

            assertThat(selection.covered()).containsExactly(A, B);
            assertThat(selection.toOpen()).containsExactly(copyOfB);
        }

        @Test
        void givenKnownPathsThatNoLongerExist_thenTheListedFilesDecide() {
            FileSelection selection = FileSelection.select(List.of(A, B), OptionalLong.of(19),
                    Set.of(A.path(), "gone/orders+0+10.json"));

            assertThat(selection.covered()).containsExactly(A);
            assertThat(selection.toOpen()).containsExactly(B);
        }

        @Test
        void givenTheMissingFileAppearsAfterARunStoppedAtIt_thenItAndWhatFollowsAreOpened() {
            // the earlier run read A, found no B, stopped at 9; it listed C but C starts beyond 9
            FileSelection selection = FileSelection.select(List.of(A, B, C), OptionalLong.of(9), known(A));

            assertThat(selection.covered()).containsExactly(A);
            assertThat(selection.toOpen()).containsExactly(B, C);
        }

        @Test
        void givenAHolePassedEarlier_thenTheFilesAroundItStayCovered() {
            // an --allow-gaps run passed 10..19 and reached 29 through C
            FileSelection selection = FileSelection.select(List.of(A, C), OptionalLong.of(29), known(A, C));

            assertThat(selection.toOpen()).isEmpty();
        }

        @Test
        void givenAStraddlingFileThatAppearedSince_thenOpened() {
            // watermark 19 through B; S starts inside B's range (15) and may run past 19
            ArchiveFile straddling = file("redelivered/orders+0+0000000015.json", 15);

            FileSelection selection = FileSelection.select(List.of(A, B, straddling, D), OptionalLong.of(19),
                    known(A, B));

            assertThat(selection.covered()).containsExactly(A, B);
            assertThat(selection.toOpen()).containsExactly(straddling, D);
        }

        @Test
        void givenACopyThatStartsBeforeAFileReadAndRunsPastTheWatermark_thenOpened() {
            // earlier run read A (0..4), X (5..9), Y (10..19): watermark 19.
            // Connect then re-delivered from 5 into another directory with another rotation: S holds 5..24.
            // (CONTRACT.md §3's "next file starts <= watermark + 1" rule would cover S, because Y starts at 10, and
            // never read 20..24.)
            ArchiveFile a = file("hour=08/orders+0+0000000000.json", 0);
            ArchiveFile x = file("hour=08/orders+0+0000000005.json", 5);
            ArchiveFile y = file("hour=08/orders+0+0000000010.json", 10);
            ArchiveFile s = file("hour=09/orders+0+0000000005.json", 5);

            FileSelection selection = FileSelection.select(List.of(a, x, y, s), OptionalLong.of(19), known(a, x, y));

            assertThat(selection.covered()).containsExactly(a, x, y);
            assertThat(selection.toOpen()).containsExactly(s);
        }
    }

    @Test
    void givenTheLists_thenTheyCannotBeChanged() {
        FileSelection selection = FileSelection.select(List.of(A, B), OptionalLong.of(9), Set.of());

        assertThatThrownBy(() -> selection.toOpen().add(C)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> selection.covered().add(C)).isInstanceOf(UnsupportedOperationException.class);
    }

    private static ArchiveFile file(String path, long start) {
        return new ArchiveFile(path, TP, start, false);
    }

    private static Set<String> known(ArchiveFile... files) {
        return Arrays.stream(files).map(ArchiveFile::path).collect(Collectors.toSet());
    }
}
