package dev.reproject.spark.archive;

import dev.reproject.core.archive.Hole;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.watermark.Watermark;

import java.util.List;
import java.util.Map;

/**
 * What one read of the archive did.
 *
 * @param filesListed     archive files of the topics read, as listed
 * @param filesCovered    of those, not opened: they hold nothing beyond the earlier watermark
 * @param filesOpened     opened and read whole
 * @param records         lines taken: each offset once, beyond the earlier watermark, before any hole
 * @param events          of those, decoded events
 * @param duplicates      lines at offsets already taken (re-delivered copies, straddling files)
 * @param deferred        lines beyond a hole the partition stopped at
 * @param rejected        rejects by reason; {@code unreadable-file} counts files
 * @param holes           holes found, passed or stopped at
 * @param watermark       the watermark after this read
 */
public record ScanSummary(long filesListed,
                          long filesCovered,
                          long filesOpened,
                          long records,
                          long events,
                          long duplicates,
                          long deferred,
                          Map<RejectReason, Long> rejected,
                          List<Hole> holes,
                          Watermark watermark) {

    public ScanSummary {
        rejected = Map.copyOf(rejected);
        holes = List.copyOf(holes);
    }

    public long rejected(RejectReason reason) {
        return rejected.getOrDefault(reason, 0L);
    }

    public long totalRejected() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
