package dev.reproject.spark.snapshot;

import dev.reproject.core.error.NotFoundException;
import dev.reproject.core.snapshot.ManifestJson;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.snapshot.SnapshotLayer;
import dev.reproject.core.snapshot.SnapshotManifest;
import dev.reproject.spark.S3aSettings;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Snapshots under {@code <root>/<view>/<snapshotId>/} (CONTRACT.md §5). A snapshot exists only once its
 * {@code manifest.json} does; the manifest is written last, in one piece.
 */
public final class SnapshotStore {

    /** The directory of run summaries under each view's directory. */
    public static final String RUNS = "runs";

    private final URI root;
    private final Configuration conf;

    public SnapshotStore(URI root, Configuration conf) {
        this.root = root;
        this.conf = conf;
    }

    /**
     * A store read through Hadoop's file systems as the jobs see them, without a Spark session (for {@code status}
     * and other readers): s3a with the given endpoint and region, credentials from the AWS default chain.
     */
    public static SnapshotStore withoutSpark(URI root, S3aSettings s3) {
        Configuration conf = new Configuration();
        S3aSettings.localDefaults().forEach(conf::set);
        s3.hadoopConf().forEach(conf::set);
        return new SnapshotStore(root, conf);
    }

    public URI root() {
        return root;
    }

    /** The snapshot's directory, as a URI string Spark can write to. */
    public String directory(String view, SnapshotId id) {
        return new Path(new Path(new Path(root), view), id.value()).toString();
    }

    /**
     * Where a rebuild of the view keeps its output besides the table (its rejected/ area): {@code
     * <root>/<view>/rebuilds/<rebuild id>}, beside the snapshots and never taken for one.
     */
    public String rebuildDirectory(String view, String rebuildId) {
        return new Path(new Path(new Path(new Path(root), view), "rebuilds"), rebuildId).toString();
    }

    /** Where a layer of {@code snapshot} is: the data directory of the snapshot that wrote it. */
    public String layerDirectory(SnapshotManifest snapshot, SnapshotLayer layer) {
        String data = layer.snapshot().equals(snapshot.id()) ? snapshot.data() : SnapshotManifest.DATA_DIR;
        return new Path(directory(snapshot.view(), layer.snapshot()), data).toString();
    }

    /**
     * The bytes of the data files (Parquet parts: not {@code _SUCCESS}, nor hidden files) in a data directory, as a
     * layer records them.
     */
    public long dataBytes(String dataDirectory) throws IOException {
        Path dir = new Path(dataDirectory);
        long bytes = 0;
        for (FileStatus file : dir.getFileSystem(conf).listStatus(dir)) {
            String name = file.getPath().getName();
            if (file.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                bytes += file.getLen();
            }
        }
        return bytes;
    }

    /**
     * That every layer {@code snapshot} reads is there, with the bytes its manifest recorded (CONTRACT.md §5.5).
     *
     * @throws IllegalStateException naming the snapshot, the layer and its directory when one is missing or not the
     *                               one written
     */
    public void checkLayers(SnapshotManifest snapshot) throws IOException {
        for (SnapshotLayer layer : snapshot.layers()) {
            String dir = layerDirectory(snapshot, layer);
            Path path = new Path(dir);
            FileSystem fs = path.getFileSystem(conf);
            String which = "snapshot " + snapshot.id() + " of view " + snapshot.view() + " reads layer "
                    + layer.snapshot() + " (" + dir + ")";
            if (!fs.exists(path)) {
                throw new IllegalStateException(which + ", which is missing: was its snapshot deleted other than by "
                        + "prune? Run snapshot --full");
            }
            if (layer.bytesKnown()) {
                long bytes = dataBytes(dir);
                if (bytes != layer.bytes()) {
                    throw new IllegalStateException(which + ", whose data files hold " + bytes + " bytes where "
                            + layer.bytes() + " were written: it is damaged or was changed. Run snapshot --full");
                }
            }
        }
    }

    /** Committed snapshots of the view, oldest first. */
    public List<SnapshotManifest> list(String view) throws IOException {
        List<SnapshotManifest> manifests = new ArrayList<>();
        for (SnapshotId id : committedIds(view)) {
            manifests.add(read(view, id));
        }
        return manifests;
    }

    /** The committed snapshot with the highest id; directories without a manifest are passed over. */
    public Optional<SnapshotManifest> latest(String view) throws IOException {
        List<SnapshotId> newestFirst = ids(view).stream().sorted(Comparator.reverseOrder()).toList();
        for (SnapshotId id : newestFirst) {
            Path manifest = manifestPath(view, id);
            if (manifest.getFileSystem(conf).exists(manifest)) {
                return Optional.of(read(view, id));
            }
        }
        return Optional.empty();
    }

    /** The highest id in use, committed or not: a new snapshot must sort after it. */
    public Optional<SnapshotId> highestId(String view) throws IOException {
        return ids(view).stream().max(Comparator.naturalOrder());
    }

    /** @throws NotFoundException when there is no committed snapshot with that id */
    public SnapshotManifest read(String view, SnapshotId id) throws IOException {
        Path manifest = manifestPath(view, id);
        FileSystem fs = manifest.getFileSystem(conf);
        try (FSDataInputStream in = fs.open(manifest)) {
            return ManifestJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            throw new NotFoundException("no committed snapshot " + id + " of view " + view + " under " + root);
        }
    }

    /**
     * Commits a snapshot whose data and rejects are written: its manifest appears in one piece (written
     * aside, then renamed), never over an existing one.
     */
    public void commit(SnapshotManifest manifest) throws IOException {
        Path target = manifestPath(manifest.view(), manifest.id());
        Path aside = new Path(target.getParent(), "_" + SnapshotManifest.FILE_NAME + ".writing");
        FileSystem fs = target.getFileSystem(conf);
        try (FSDataOutputStream out = fs.create(aside, true)) {
            out.write(ManifestJson.write(manifest).getBytes(StandardCharsets.UTF_8));
        }
        if (fs.exists(target)) {
            throw new FileAlreadyExistsException("snapshot " + manifest.id() + " is already committed: " + target);
        }
        if (!fs.rename(aside, target)) {
            throw new IOException("could not commit " + target);
        }
    }

    /** Committed snapshot ids of the view, oldest first, without reading their manifests. */
    public List<SnapshotId> committed(String view) throws IOException {
        return committedIds(view);
    }

    /**
     * Deletes a snapshot (prune): its manifest first, so that readers never see it committed without its data, then
     * its directory. The latest snapshot must never be deleted: new ids are made after the highest one present.
     *
     * @return whether it was there
     */
    public boolean delete(String view, SnapshotId id) throws IOException {
        Path directory = new Path(directory(view, id));
        FileSystem fs = directory.getFileSystem(conf);
        if (!fs.exists(directory)) {
            return false;
        }
        Path manifest = manifestPath(view, id);
        if (fs.exists(manifest) && !fs.delete(manifest, false)) {
            throw new IOException("could not delete " + manifest);
        }
        if (!fs.delete(directory, true) && fs.exists(directory)) {
            throw new IOException("could not delete " + directory);
        }
        return true;
    }

    /**
     * Keeps a job run's summary as {@code <root>/<view>/runs/<runId>.json} (replacing one of the same id), where an
     * orchestrator can read it whatever the deploy mode; beside the snapshots and never taken for one.
     *
     * @return where it is
     */
    public String writeRunSummary(String view, String runId, String json) throws IOException {
        Path target = new Path(new Path(new Path(new Path(root), view), RUNS), runId + ".json");
        FileSystem fs = target.getFileSystem(conf);
        try (FSDataOutputStream out = fs.create(target, true)) {
            out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return target.toString();
    }

    private Path manifestPath(String view, SnapshotId id) {
        return new Path(directory(view, id), SnapshotManifest.FILE_NAME);
    }

    private List<SnapshotId> committedIds(String view) throws IOException {
        List<SnapshotId> committed = new ArrayList<>();
        for (SnapshotId id : ids(view)) {
            Path manifest = manifestPath(view, id);
            if (manifest.getFileSystem(conf).exists(manifest)) {
                committed.add(id);
            }
        }
        committed.sort(Comparator.naturalOrder());
        return committed;
    }

    private List<SnapshotId> ids(String view) throws IOException {
        Path viewDir = new Path(new Path(root), view);
        FileSystem fs = viewDir.getFileSystem(conf);
        FileStatus[] children;
        try {
            children = fs.listStatus(viewDir);
        } catch (FileNotFoundException e) {
            return List.of();
        }
        List<SnapshotId> ids = new ArrayList<>();
        for (FileStatus child : children) {
            if (child.isDirectory() && SnapshotId.isValid(child.getPath().getName())) {
                ids.add(new SnapshotId(child.getPath().getName()));
            }
        }
        return ids;
    }
}
