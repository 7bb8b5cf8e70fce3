package dev.reproject.orderhistory.generate;

import dev.reproject.core.archive.connect.ArchiveLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of {@link OrderArchiveGenerator}. The seed and the archive's shape are optional: a new archive
 * takes the default for any left out; an {@code --append} run takes them all from the archive, and refuses
 * a given one that differs.
 *
 * @param orders         new orders this run creates (≥ 0)
 * @param consumers      size of the consumer pool orders come from (default 1,000)
 * @param partitions     partitions of the topic (default 8)
 * @param seed           where every random choice comes from (default 42)
 * @param badFraction    about this fraction of extra bad lines, plus copies and unhandled events (default 0)
 * @param append         continue the archive at the root instead of starting one
 * @param layout         directories of the files (default {@link ArchiveLayout#PARTITION})
 * @param gzip           write {@code .json.gz} files (default false)
 * @param recordsPerFile lines per file before a partition's file rotates (default 2,000)
 * @param revisions      revision rounds (a proposed and an accepted revision, each changing one line item's
 *                       quantity) per authorized order of this run, on average (default 0): longer histories
 */
public record GeneratorOptions(long orders,
                               Optional<Integer> consumers,
                               Optional<Integer> partitions,
                               Optional<Long> seed,
                               double badFraction,
                               boolean append,
                               Optional<ArchiveLayout> layout,
                               Optional<Boolean> gzip,
                               Optional<Integer> recordsPerFile,
                               double revisions) {

    /** Kafka allows many more; beyond this a sample archive is no longer a sample. */
    public static final int MAX_PARTITIONS = 1_000;
    /** More rounds per order than anything a benchmark needs; beyond it orders would outlive the window. */
    public static final int MAX_REVISIONS = 50;

    public GeneratorOptions {
        Objects.requireNonNull(consumers, "consumers");
        Objects.requireNonNull(partitions, "partitions");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(gzip, "gzip");
        Objects.requireNonNull(recordsPerFile, "recordsPerFile");
        if (orders < 0) {
            throw new IllegalArgumentException("--orders must be 0 or more, was " + orders);
        }
        if (consumers.isPresent() && consumers.get() < 1) {
            throw new IllegalArgumentException("--consumers must be 1 or more, was " + consumers.get());
        }
        if (partitions.isPresent() && (partitions.get() < 1 || partitions.get() > MAX_PARTITIONS)) {
            throw new IllegalArgumentException("--partitions must be between 1 and " + MAX_PARTITIONS
                    + ", was " + partitions.get());
        }
        if (!(badFraction >= 0 && badFraction <= 1)) { // also refuses NaN
            throw new IllegalArgumentException("--bad-records must be a fraction between 0 and 1, e.g. 0.01, was "
                    + badFraction);
        }
        if (!(revisions >= 0 && revisions <= MAX_REVISIONS)) { // also refuses NaN
            throw new IllegalArgumentException("--revisions must be between 0 and " + MAX_REVISIONS + ", was "
                    + revisions);
        }
        if (recordsPerFile.isPresent() && recordsPerFile.get() < 1) {
            throw new IllegalArgumentException("records per file must be 1 or more, was " + recordsPerFile.get());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The shape of a new archive: what is given, else the defaults. */
    ArchiveShape newArchiveShape() {
        return new ArchiveShape(seed.orElse(ArchiveShape.DEFAULT_SEED),
                consumers.orElse(ArchiveShape.DEFAULT_CONSUMERS),
                partitions.orElse(ArchiveShape.DEFAULT_PARTITIONS),
                layout.orElse(ArchiveShape.DEFAULT_LAYOUT),
                gzip.orElse(ArchiveShape.DEFAULT_GZIP),
                recordsPerFile.orElse(ArchiveShape.DEFAULT_RECORDS_PER_FILE));
    }

    /** The given options that differ from an archive's shape, as {@code --option given (archive: value)}. */
    List<String> conflictsWith(ArchiveShape archive) {
        List<String> conflicts = new ArrayList<>();
        conflict(conflicts, "--seed", seed, archive.seed());
        conflict(conflicts, "--consumers", consumers, archive.consumers());
        conflict(conflicts, "--partitions", partitions, archive.partitions());
        conflict(conflicts, "layout", layout, archive.layout());
        conflict(conflicts, "gzip", gzip, archive.gzip());
        conflict(conflicts, "records per file", recordsPerFile, archive.recordsPerFile());
        return conflicts;
    }

    private static <T> void conflict(List<String> into, String name, Optional<T> given, T archive) {
        given.filter(value -> !value.equals(archive))
                .ifPresent(value -> into.add(name + " " + value + " (archive: " + archive + ")"));
    }

    /** Builds options; a null or unset seed or shape option means "not given". */
    public static final class Builder {
        private long orders;
        private Integer consumers;
        private Integer partitions;
        private Long seed;
        private double badFraction;
        private boolean append;
        private ArchiveLayout layout;
        private Boolean gzip;
        private Integer recordsPerFile;
        private double revisions;

        private Builder() {
        }

        public Builder orders(long orders) {
            this.orders = orders;
            return this;
        }

        public Builder consumers(Integer consumers) {
            this.consumers = consumers;
            return this;
        }

        public Builder partitions(Integer partitions) {
            this.partitions = partitions;
            return this;
        }

        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        public Builder badFraction(double badFraction) {
            this.badFraction = badFraction;
            return this;
        }

        public Builder append(boolean append) {
            this.append = append;
            return this;
        }

        public Builder layout(ArchiveLayout layout) {
            this.layout = layout;
            return this;
        }

        public Builder gzip(Boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        public Builder recordsPerFile(Integer recordsPerFile) {
            this.recordsPerFile = recordsPerFile;
            return this;
        }

        public Builder revisions(double revisions) {
            this.revisions = revisions;
            return this;
        }

        public GeneratorOptions build() {
            return new GeneratorOptions(orders, Optional.ofNullable(consumers), Optional.ofNullable(partitions),
                    Optional.ofNullable(seed), badFraction, append, Optional.ofNullable(layout),
                    Optional.ofNullable(gzip), Optional.ofNullable(recordsPerFile), revisions);
        }
    }
}
