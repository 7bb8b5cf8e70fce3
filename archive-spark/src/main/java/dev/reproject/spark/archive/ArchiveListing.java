package dev.reproject.spark.archive;

import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.event.TopicPartition;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lists the archive files of some topics under a root (SPEC §3). Connect puts each topic in a directory
 * named after it ({@code <root>/topics/<topic>} or {@code <root>/<topic>}); when such a directory exists
 * only it is listed, else the whole root is listed and files are kept by name. Files are never opened here.
 */
public final class ArchiveListing {

    private final URI root;
    private final Configuration conf;

    public ArchiveListing(URI root, Configuration conf) {
        this.root = root;
        this.conf = conf;
    }

    /** Per partition of the given topics, its files with paths relative to the root. */
    public Map<TopicPartition, List<ArchiveFile>> list(Collection<String> topics) throws IOException {
        Path rootPath = new Path(root);
        FileSystem fs = rootPath.getFileSystem(conf);
        String qualifiedRoot = fs.makeQualified(rootPath).toString();
        Set<String> wanted = Set.copyOf(topics);
        Map<TopicPartition, List<ArchiveFile>> files = new TreeMap<>();
        List<Path> dirs = new ArrayList<>();
        boolean wholeRoot = false;
        for (String topic : wanted) {
            Optional<Path> dir = topicDirectory(fs, rootPath, topic);
            if (dir.isPresent()) {
                dirs.add(dir.get());
            } else {
                wholeRoot = true;
            }
        }
        if (wholeRoot) {
            dirs = List.of(rootPath);
        }
        for (Path dir : dirs) {
            RemoteIterator<LocatedFileStatus> it;
            try {
                it = fs.listFiles(dir, true);
            } catch (FileNotFoundException e) {
                continue; // an empty or absent archive: nothing to read yet
            }
            while (it.hasNext()) {
                String path = fs.makeQualified(it.next().getPath()).toString();
                String relative = relativize(qualifiedRoot, path);
                if (isHidden(relative)) {
                    continue;
                }
                ArchiveFileName.parse(relative)
                        .filter(file -> wanted.contains(file.topic()))
                        .ifPresent(file -> files.computeIfAbsent(file.topicPartition(), tp -> new ArrayList<>()).add(file));
            }
        }
        return files;
    }

    private static Optional<Path> topicDirectory(FileSystem fs, Path root, String topic) throws IOException {
        for (Path candidate : List.of(new Path(new Path(root, "topics"), topic), new Path(root, topic))) {
            try {
                if (fs.getFileStatus(candidate).isDirectory()) {
                    return Optional.of(candidate);
                }
            } catch (FileNotFoundException e) {
                // not this layout
            }
        }
        return Optional.empty();
    }

    /** Hadoop's convention: names starting with "_" or "." are not data (e.g. {@code _temporary/}). */
    private static boolean isHidden(String relative) {
        for (String segment : relative.split("/")) {
            if (segment.startsWith("_") || segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String relativize(String qualifiedRoot, String path) {
        String prefix = qualifiedRoot.endsWith("/") ? qualifiedRoot : qualifiedRoot + "/";
        if (!path.startsWith(prefix)) {
            throw new IllegalStateException("listed " + path + " outside the archive root " + qualifiedRoot);
        }
        return path.substring(prefix.length());
    }
}
