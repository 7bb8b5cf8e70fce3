package dev.reproject.spark.archive;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.AccessDeniedException;

/**
 * The local file system under the scheme {@code faulty:}, failing as S3 does for some file names: a name holding
 * {@code refused} is denied at open (as s3a reports a 403), one holding {@code reset} loses its connection after
 * {@link #RESET_AFTER} bytes.
 */
public final class FaultyFileSystem extends RawLocalFileSystem {

    static final int RESET_AFTER = 100;

    static Configuration configuration() {
        Configuration conf = new Configuration(false);
        conf.set("fs.faulty.impl", FaultyFileSystem.class.getName());
        conf.setBoolean("fs.faulty.impl.disable.cache", true);
        return conf;
    }

    @Override
    public URI getUri() {
        return URI.create("faulty:///");
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        String name = f.getName();
        if (name.contains("refused")) {
            throw new AccessDeniedException(f.toString(), null,
                    "getFileStatus on " + f + ": Forbidden (Service: S3, Status Code: 403, Error Code: AccessDenied)");
        }
        if (name.contains("reset")) {
            return new FSDataInputStream(new Resetting(new RandomAccessFile(pathToFile(f), "r")));
        }
        return super.open(f, bufferSize);
    }

    /** Reads a file until {@link #RESET_AFTER} bytes, then fails as a reset connection does. */
    private static final class Resetting extends FSInputStream {
        private final RandomAccessFile file;

        Resetting(RandomAccessFile file) {
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            if (file.getFilePointer() >= RESET_AFTER) {
                throw new IOException("Connection reset");
            }
            return file.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long left = RESET_AFTER - file.getFilePointer();
            if (left <= 0) {
                throw new IOException("Connection reset");
            }
            return file.read(b, off, (int) Math.min(len, left));
        }

        @Override
        public void seek(long pos) throws IOException {
            file.seek(pos);
        }

        @Override
        public long getPos() throws IOException {
            return file.getFilePointer();
        }

        @Override
        public boolean seekToNewSource(long targetPos) {
            return false;
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
