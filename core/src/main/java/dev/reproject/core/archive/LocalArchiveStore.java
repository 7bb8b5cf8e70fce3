package dev.reproject.core.archive;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
        List<String> found = new ArrayList<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String relative = dir.relativize(file).toString().replace('\\', '/');
                if (attrs.isRegularFile() && relative.startsWith(relativePrefix)
                        && !file.getFileName().toString().startsWith(".")) {
                    found.add(relative);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // a writer's temporary file, renamed while we walked
                }
                throw e;
            }
        });
        Collections.sort(found);
        return found;
    }

    private Path resolve(String relativePath) {
        Path p = dir.resolve(relativePath).normalize();
        if (!p.startsWith(dir.normalize())) {
            throw new IllegalArgumentException("path escapes the archive root: " + relativePath);
        }
        return p;
    }
}
