package dev.reproject.spark.archive;

import dev.reproject.core.error.NotFoundException;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.spark.ArchiveRoot;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The guard against a mistyped archive root (CONTRACT.md §3.2): a root under which no file of the view's topics is
 * listed is far more often a wrong prefix than a new archive, and a scheduled snapshot over it would commit an empty
 * snapshot, then report "nothing new" forever. So such a run stops with exit status 4 before it writes anything,
 * unless {@code --allow-empty} says the archive is empty on purpose. A root with files but none new is not empty.
 */
public final class ArchiveGuard {

    private ArchiveGuard() {
    }

    /**
     * @param filesListed what a scan listed ({@link ScanSummary#filesListed()})
     * @param snapshot    the snapshot the run continues, whose archive the message shows when it is another root
     * @throws NotFoundException when nothing was listed
     */
    public static void requireFiles(long filesListed, URI root, Collection<String> topics,
                                    Optional<SnapshotManifest> snapshot) {
        if (filesListed == 0) {
            throw noFiles(root, topics, snapshot);
        }
    }

    /**
     * Lists the root as {@link ArchiveReader} does, for a run that must know before it writes (the rebuild creates
     * its table before it reads).
     *
     * @throws NotFoundException when no file of the topics is there
     */
    public static void requireFiles(SparkSession spark, URI root, Collection<String> topics,
                                    Optional<SnapshotManifest> snapshot)
            throws IOException {
        if (new ArchiveListing(root, spark.sparkContext().hadoopConfiguration()).list(topics).isEmpty()) {
            throw noFiles(root, topics, snapshot);
        }
    }

    static NotFoundException noFiles(URI root, Collection<String> topics, Optional<SnapshotManifest> snapshot) {
        TreeSet<String> sorted = new TreeSet<>(topics);
        return new NotFoundException("no archive file of " + (sorted.size() == 1 ? "topic " : "topics ")
                + String.join(", ", sorted) + " under " + root
                + snapshot.filter(s -> !ArchiveRoot.of(s.archive()).equals(root))
                        .map(s -> " (snapshot " + s.id() + " was made from " + s.archive() + ")").orElse("")
                + ": is --archive right? Nothing was committed. For an archive that is empty on purpose, pass "
                + "--allow-empty.");
    }
}
