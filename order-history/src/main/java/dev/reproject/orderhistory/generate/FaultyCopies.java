package dev.reproject.orderhistory.generate;

import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.connect.ArchiveLayout;
import dev.reproject.core.archive.connect.Gzip;
import dev.reproject.core.archive.connect.WrittenFile;
import dev.reproject.core.reject.RejectReason;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes what goes wrong around a sink's files: re-delivered copies of a file's lines (duplicates) and
 * corrupt gzip copies (an unreadable file that leaves no hole, because the original still holds its
 * records). About one of each per {@link #RECORDS_PER_COPY} records, and at least one of each per run.
 *
 * <p>Where they go, so that no name is written twice:
 * <ul>
 *   <li>re-delivered, {@code HOURLY}: the same name, one hour later ({@code hour=} of the first record + 1);
 *   <li>re-delivered, {@code PARTITION}: the file's lines from {@code k = lines / 2} on, named by start + k;
 *   <li>corrupt, {@code HOURLY}: {@code <start>.json.gz} two hours later;
 *   <li>corrupt, {@code PARTITION}: {@code <start>.json.gz} beside a {@code .json} original, or for a gzip
 *       archive the last line only, named by start + lines − 1.
 * </ul>
 */
final class FaultyCopies {

    static final long RECORDS_PER_COPY = 50_000;
    /** A file needs this many lines for both faulty copies to find distinct names. */
    static final int MIN_LINES = 3;
    private static final long HOUR_MILLIS = 3_600_000;

    private final ArchiveStore store;
    private final ArchiveLayout layout;
    private final boolean gzip;
    private final SplittableRandom rng;
    private final RunTally tally;
    private long redelivered;
    private long corrupt;
    private WrittenFile lastCandidate;

    FaultyCopies(ArchiveStore store, ArchiveLayout layout, boolean gzip, SplittableRandom rng, RunTally tally) {
        this.store = store;
        this.layout = layout;
        this.gzip = gzip;
        this.rng = rng;
        this.tally = tally;
    }

    void afterWrite(WrittenFile file) throws IOException {
        if (file.lines() < MIN_LINES) {
            return;
        }
        lastCandidate = file;
        double draw = rng.nextDouble();
        double chance = (double) file.lines() / RECORDS_PER_COPY;
        if (draw < chance) {
            redeliver(file);
        } else if (draw < 2 * chance) {
            corrupt(file);
        }
    }

    /** At least one of each per run, from the last file long enough. */
    void finish() throws IOException {
        if (lastCandidate == null) {
            return;
        }
        if (redelivered == 0) {
            redeliver(lastCandidate);
        }
        if (corrupt == 0) {
            corrupt(lastCandidate);
        }
    }

    private void redeliver(WrittenFile file) throws IOException {
        if (layout == ArchiveLayout.HOURLY) {
            String dir = layout.directory(file.tp(), file.firstRecordTime() + HOUR_MILLIS);
            write(dir, ArchiveFileName.format(file.tp(), file.startOffset(), gzip), file.content());
            tally.duplicates(file.lines());
        } else {
            int k = file.lines() / 2;
            byte[] tail = Arrays.copyOfRange(file.raw(), file.lineStart(k), file.raw().length);
            write(file.directory(), ArchiveFileName.format(file.tp(), file.startOffset() + k, gzip),
                    gzip ? Gzip.compress(tail, 0) : tail);
            tally.duplicates(file.lines() - k);
        }
        redelivered++;
    }

    private void corrupt(WrittenFile file) throws IOException {
        String dir = file.directory();
        int k = 0;
        if (layout == ArchiveLayout.HOURLY) {
            dir = layout.directory(file.tp(), file.firstRecordTime() + 2 * HOUR_MILLIS);
        } else if (gzip) {
            k = file.lines() - 1;
        }
        byte[] compressed = Gzip.compress(file.raw(), file.lineStart(k));
        // cut in the middle of the deflate stream: the header reads, the data ends early
        write(dir, ArchiveFileName.format(file.tp(), file.startOffset() + k, true),
                Arrays.copyOf(compressed, compressed.length / 2));
        tally.rejected(RejectReason.UNREADABLE_FILE);
        corrupt++;
    }

    private void write(String dir, String name, byte[] content) throws IOException {
        store.write(dir + "/" + name, content);
        tally.file();
    }
}
