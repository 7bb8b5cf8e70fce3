package dev.reproject.spark.archive;

import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.event.SourcePartition;
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
 * Lists the archive files of some topics under a root (CONTRACT.md §3). Kafka Connect puts each topic in a
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
    public Map<SourcePartition, List<ArchiveFile>> list(Collection<String> topics) throws IOException {
        Path rootPath = new Path(root);
        FileSystem fs = rootPath.getFileSystem(conf);
        String qualifiedRoot = fs.makeQualified(rootPath).toString();
        Set<String> wanted = Set.copyOf(topics);
        Map<SourcePartition, List<ArchiveFile>> files = new TreeMap<>();
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
            for (Path file : filesUnder(fs, dir)) {
                String relative = relativize(qualifiedRoot, fs.makeQualified(file).toString());
                if (isHidden(relative) || !seen.add(relative)) {
                    continue;
                }
                ArchiveFileName.parse(relative)
                        .filter(f -> wanted.contains(f.topic()))
                        .ifPresent(f -> files.computeIfAbsent(f.topicPartition(), tp -> new ArrayList<>()).add(f));
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

    /**
     * Every file under {@code dir}. On an object store one recursive listing is a few flat LIST calls; on a
     * local disk it would stat each file's permissions through a shell command, so there the tree is walked.
     */
    private static List<Path> filesUnder(FileSystem fs, Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        try {
            if ("file".equals(fs.getScheme())) {
                walk(fs, dir, found);
            } else {
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
                while (it.hasNext()) {
                    found.add(it.next().getPath());
                }
            }
        } catch (FileNotFoundException e) {
            // an empty or absent archive: nothing to read yet
        }
        return found;
    }

    private static void walk(FileSystem fs, Path dir, List<Path> found) throws IOException {
        for (FileStatus status : fs.listStatus(dir)) {
            if (status.isDirectory()) {
                walk(fs, status.getPath(), found);
            } else {
                found.add(status.getPath());
            }
        }
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
