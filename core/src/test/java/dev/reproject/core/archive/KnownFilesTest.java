package dev.reproject.core.archive;

import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.snapshot.ManifestJson;
import dev.reproject.core.snapshot.SnapshotCounts;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.core.watermark.Watermark;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifest's known files kept bounded: an archive that grows by a file per partition per run, 40 incremental
 * runs over it. Each run's selection with the bounded position is compared with the selection the unbounded
 * rule of CONTRACT.md §3.5 (every known path kept) makes over the same listing; the manifest stops growing.
 */
class KnownFilesTest {

    private static final SourcePartition P0 = new SourcePartition("Order", 0);
    private static final SourcePartition P1 = new SourcePartition("Order", 1);
    private static final int LINES = 10;
    private static final int RUNS = 40;

    @Test
    void forty_incremental_runs_select_what_the_unbounded_rule_selects_and_the_manifest_stops_growing() {
        Map<SourcePartition, List<ArchiveFile>> archive = Map.of(P0, new ArrayList<>(), P1, new ArrayList<>());
        ArchivePosition bounded = ArchivePosition.beginning();
        ArchivePosition unbounded = ArchivePosition.beginning();
        List<Integer> sizes = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            for (SourcePartition tp : List.of(P0, P1)) {
                archive.get(tp).add(connectFile("topics", tp, (long) run * LINES));
            }
            if (run == 30) { // Connect re-delivers an early file late, under another topics.dir: it must be opened
                archive.get(P1).add(connectFile("redelivered", P1, 25L * LINES));
            }
            Map<SourcePartition, List<ArchiveFile>> known = new TreeMap<>();
            Map<SourcePartition, SortedSet<String>> knownPaths = new TreeMap<>();
            Map<SourcePartition, Long> marks = new TreeMap<>();
            for (SourcePartition tp : List.of(P0, P1)) {
                List<ArchiveFile> listed = archive.get(tp);
                FileSelection withDigest = FileSelection.select(listed, bounded.offset(tp), bounded.knownFiles(tp),
                        bounded.knownDigest(tp));
                FileSelection everyPath = FileSelection.select(listed, unbounded.offset(tp),
                        unbounded.knownFiles(tp));
                assertThat(withDigest.toOpen()).as("run %d, %s: files opened", run, tp)
                        .isEqualTo(everyPath.toOpen());
                assertThat(withDigest.digestMismatch()).isFalse();
                if (run == 30 && tp.equals(P1)) {
                    assertThat(withDigest.toOpen()).extracting(ArchiveFile::path)
                            .containsExactly("redelivered/Order+1+0000000250.json", "topics/Order+1+0000000300.json");
                } else if (run > 0) {
                    assertThat(withDigest.toOpen()).as("run %d: only the new file", run).hasSize(1);
                }
                long mark = (long) (run + 1) * LINES - 1; // every file read whole, no hole
                marks.put(tp, mark);
                known.put(tp, listed.stream().filter(f -> f.startOffset() <= mark).toList());
                knownPaths.put(tp, known.get(tp).stream().map(ArchiveFile::path)
                        .collect(Collectors.toCollection(TreeSet::new)));
            }
            Watermark watermark = Watermark.of(marks);
            bounded = ArchivePosition.bounded(watermark, Map.of(), known);
            unbounded = new ArchivePosition(watermark, Map.of(), knownPaths);
            sizes.add(ManifestJson.write(manifest(run, bounded)).length());
        }

        assertThat(bounded.knownFiles(P0)).hasSize(KnownFiles.KEPT);
        assertThat(bounded.knownDigest(P0)).get().extracting(FileDigest::count)
                .isEqualTo((long) RUNS - KnownFiles.KEPT);
        assertThat(bounded.knownDigest(P1)).get().extracting(FileDigest::count)
                .isEqualTo((long) RUNS - KnownFiles.KEPT + 1);
        // from the run that first compacts on, the manifest keeps its size: only offsets' digits may grow
        int compacting = KnownFiles.KEPT;
        assertThat(sizes.get(RUNS - 1) - sizes.get(compacting)).as("manifest bytes: %s", sizes).isBetween(0, 40);
        int unboundedSize = ManifestJson.write(manifest(RUNS - 1, unbounded)).length();
        assertThat(unboundedSize - sizes.get(RUNS - 1)).as("what the unbounded manifest would have grown by")
                .isGreaterThan(20 * 2 * "topics/Order+0+0000000300.json".length());
    }

    @Test
    void a_file_appearing_or_vanishing_below_the_digest_makes_every_file_there_opened_again() {
        List<ArchiveFile> listed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            listed.add(connectFile("topics", P0, (long) i * LINES));
        }
        KnownFiles kept = KnownFiles.of(listed);
        FileDigest digest = kept.digest().orElseThrow();
        assertThat(digest.through()).isEqualTo(130); // files 0..13 summarised, 14..29 kept by path
        assertThat(digest.count()).isEqualTo(14);
        assertThat(kept.paths()).hasSize(16).first().isEqualTo("topics/Order+0+0000000140.json");
        OptionalLong mark = OptionalLong.of(299);

        FileSelection same = FileSelection.select(listed, mark, kept.paths(), Optional.of(digest));
        assertThat(same.toOpen()).isEmpty();

        List<ArchiveFile> withLateCopy = new ArrayList<>(listed);
        withLateCopy.add(connectFile("redelivered", P0, 50));
        FileSelection late = FileSelection.select(withLateCopy, mark, kept.paths(), Optional.of(digest));
        assertThat(late.digestMismatch()).isTrue();
        assertThat(late.toOpen()).hasSize(15).allMatch(f -> f.startOffset() <= 130)
                .extracting(ArchiveFile::path).contains("redelivered/Order+0+0000000050.json");

        List<ArchiveFile> expired = new ArrayList<>(listed.subList(1, listed.size()));
        FileSelection vanished = FileSelection.select(expired, mark, kept.paths(), Optional.of(digest));
        assertThat(vanished.digestMismatch()).isTrue();
        assertThat(vanished.toOpen()).hasSize(13);
        assertThat(Set.copyOf(vanished.covered())).hasSize(16);
    }

    @Test
    void a_manifest_with_digests_reads_back_the_same_and_one_without_reads_as_every_path_kept() {
        List<ArchiveFile> listed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            listed.add(connectFile("topics", P0, (long) i * LINES));
        }
        ArchivePosition position = ArchivePosition.bounded(Watermark.of(Map.of(P0, 199L)), Map.of(),
                Map.of(P0, listed));
        SnapshotManifest manifest = manifest(1, position);

        SnapshotManifest read = ManifestJson.read(ManifestJson.write(manifest));

        assertThat(read.position()).isEqualTo(position);
        String old = ManifestJson.write(manifest(1, new ArchivePosition(position.watermark(), Map.of(),
                position.knownFiles()))).replaceAll(",\\s*\"knownDigests\"\\s*:\\s*\\{\\s*}", "");
        assertThat(old).doesNotContain("knownDigests");
        assertThat(ManifestJson.read(old).position().knownDigests()).isEmpty();
    }

    private static ArchiveFile connectFile(String dir, SourcePartition tp, long start) {
        return new ArchiveFile(String.format("%s/%s+%d+%010d.json", dir, tp.topic(), tp.partition(), start), tp,
                start, false);
    }

    private static SnapshotManifest manifest(int run, ArchivePosition position) {
        return new SnapshotManifest(new SnapshotId(String.format("202612%02dT000000.000Z", 1 + run % 28)),
                "order-history", "f", Optional.empty(), Instant.parse("2026-12-01T00:00:00Z"), "archive", position,
                List.of(), new SnapshotCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0), "data", "rejected");
    }
}
