package dev.reproject.core.archive;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** A store that counts the files and bytes written through it, for progress lines; everything else passes on. */
public final class CountingArchiveStore implements ArchiveStore {

    private final ArchiveStore store;
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public CountingArchiveStore(ArchiveStore store) {
        this.store = store;
    }

    public long filesWritten() {
        return files.get();
    }

    public long bytesWritten() {
        return bytes.get();
    }

    @Override
    public String root() {
        return store.root();
    }

    @Override
    public void write(String relativePath, byte[] content) throws IOException {
        store.write(relativePath, content);
        files.incrementAndGet();
        bytes.addAndGet(content.length);
    }

    @Override
    public byte[] read(String relativePath) throws IOException {
        return store.read(relativePath);
    }

    @Override
    public boolean exists(String relativePath) throws IOException {
        return store.exists(relativePath);
    }

    @Override
    public List<String> list(String relativePrefix) throws IOException {
        return store.list(relativePrefix);
    }

    @Override
    public Optional<String> region() {
        return store.region();
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
