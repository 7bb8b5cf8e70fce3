package dev.reproject.core.archive;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** An {@link ArchiveStore} in a local directory ({@code file://} URI or plain path). */
public final class LocalArchiveStore implements ArchiveStore {

    private final String root;
    private final Path dir;

    public LocalArchiveStore(String root) {
        this.root = root;
        this.dir = root.startsWith("file:") ? Path.of(URI.create(root)) : Path.of(root);
    }

    @Override
    public String root() {
        return root;
    }

    @Override
    public void write(String relativePath, byte[] content) throws IOException {
        Path target = resolve(relativePath);
        Files.createDirectories(target.getParent());
        // write then rename, so a reader never sees half a file
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public byte[] read(String relativePath) throws IOException {
        try {
            return Files.readAllBytes(resolve(relativePath));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(root + "/" + relativePath);
        }
    }

    @Override
    public boolean exists(String relativePath) {
        return Files.isRegularFile(resolve(relativePath));
    }

    @Override
    public List<String> list(String relativePrefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.startsWith(relativePrefix))
                    .filter(p -> !p.substring(p.lastIndexOf('/') + 1).startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    private Path resolve(String relativePath) {
        Path p = dir.resolve(relativePath).normalize();
        if (!p.startsWith(dir.normalize())) {
            throw new IllegalArgumentException("path escapes the archive root: " + relativePath);
        }
        return p;
    }
}
