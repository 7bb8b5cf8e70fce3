package dev.reproject.spark.archive;

import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.event.TopicPartition;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lists the archive files of some topics under a root (SPEC §3). Kafka Connect puts each topic in a
 * directory named after it under its {@code topics.dir} ({@code <root>/topics/<topic>/…}, and a
 * re-delivery by another connector may use another {@code topics.dir}): every {@code <root>/<topic>} and
 * {@code <root>/<dir>/<topic>} directory is listed; only when a topic has no such directory is the whole
 * root listed, keeping the files by name. Files are never opened here.
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
            List<Path> topicDirs = topicDirectories(fs, rootPath, topic);
            dirs.addAll(topicDirs);
            wholeRoot |= topicDirs.isEmpty();
        }
        if (wholeRoot) {
            dirs = List.of(rootPath);
        }
        Set<String> seen = new HashSet<>();
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
                if (isHidden(relative) || !seen.add(relative)) {
                    continue;
                }
                ArchiveFileName.parse(relative)
                        .filter(file -> wanted.contains(file.topic()))
                        .ifPresent(file -> files.computeIfAbsent(file.topicPartition(), tp -> new ArrayList<>()).add(file));
            }
        }
        return files;
    }

    private static List<Path> topicDirectories(FileSystem fs, Path root, String topic) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (Path pattern : List.of(new Path(root, topic), new Path(new Path(root, "*"), topic))) {
            FileStatus[] matches = fs.globStatus(pattern);
            if (matches != null) {
                for (FileStatus match : matches) {
                    if (match.isDirectory()) {
                        dirs.add(match.getPath());
                    }
                }
            }
        }
        return dirs;
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
