package dev.reproject.spark.archive;

import dev.reproject.core.decode.RecordText;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.zip.GZIPInputStream;

/**
 * The lines of one archive file, streamed (gunzipped for {@code .json.gz}): what a reader holds is one line of at
 * most {@code maxLineBytes}, whatever the file's size. Every line counts for offsets; blank lines at the very end
 * are not records. A longer line is read past and comes back as {@link Line#tooLong()} with its first bytes.
 *
 * <p>Errors are told apart, because they call for opposite answers (CONTRACT.md §3.7): bytes that are not valid gzip
 * are the file's content ({@link #next()} throws an ordinary {@link IOException}: the file is unreadable); a file
 * gone since it was listed is {@link FileNotFoundException} from {@link #open}; anything the file system throws
 * while opening or reading (S3 503, connection reset, access or KMS denied) is a {@link SourceException}: not the
 * file's fault, so it must fail the task, to be retried, instead of being taken for a corrupt file.
 */
public final class ArchiveLines implements Closeable {

    /** How many bytes of an over-long line are kept, for its reject. */
    static final int TOO_LONG_PREFIX = 1024;

    /**
     * One line, without its {@code \n} and a {@code \r} before it.
     *
     * @param text    the line as text (UTF-8 with U+FFFD, {@link RecordText}); the first bytes only when too long
     * @param tooLong whether it is longer than the limit
     * @param bytes   its length in bytes (as far as it was counted: more than the limit when too long)
     */
    public record Line(String text, boolean tooLong, long bytes) {
    }

    /** An error of the storage under the file, not of its content: the read must fail, not the file be passed. */
    public static final class SourceException extends IOException {
        private static final long serialVersionUID = 1L;

        SourceException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String relative;
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[64 << 10];
    private int position;
    private int limit;
    /**
     * Blank lines read but not given out yet, as runs of one text: they are records only if a line that is not blank
     * follows, so a file of many blank lines holds one entry, not one a line.
     */
    private final Deque<BlankRun> blanks = new ArrayDeque<>();
    private byte[] line = new byte[256];
    private boolean ended;

    private static final class BlankRun {
        final Line line;
        long count;

        BlankRun(Line line) {
            this.line = line;
            this.count = 1;
        }
    }

    private ArchiveLines(String relative, InputStream in, int maxLineBytes) {
        this.relative = relative;
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Opens a file with lines of at most {@link RecordText#MAX_BYTES}. */
    public static ArchiveLines open(String root, String relative, Configuration conf) throws IOException {
        return open(root, relative, conf, RecordText.MAX_BYTES);
    }

    /**
     * @param root     the archive root URI
     * @param relative the file's path relative to the root
     * @throws FileNotFoundException when the file is gone
     * @throws SourceException       when the file system fails to open it
     * @throws IOException           when a {@code .gz} file does not start as gzip
     */
    static ArchiveLines open(String root, String relative, Configuration conf, int maxLineBytes) throws IOException {
        Path path = new Path(root + "/" + relative);
        InputStream raw;
        try {
            raw = new SourceStream(relative, path.getFileSystem(conf).open(path));
        } catch (FileNotFoundException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SourceException("cannot open " + relative + ": " + e, e);
        }
        try {
            InputStream content = relative.endsWith(".gz") ? new GZIPInputStream(raw, 64 << 10) : raw;
            return new ArchiveLines(relative, content, maxLineBytes);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The next line, or null after the last. */
    public Line next() throws IOException {
        if (!blanks.isEmpty()) {
            return takeBlank();
        }
        while (!ended) {
            Line read = readLine();
            if (read == null) {
                ended = true;
                blanks.clear(); // blank lines at the very end are not records
                return null;
            }
            if (!read.tooLong() && read.text().isBlank()) {
                BlankRun last = blanks.peekLast();
                if (last != null && last.line.equals(read)) {
                    last.count++;
                } else {
                    blanks.add(new BlankRun(read));
                }
                continue;
            }
            if (blanks.isEmpty()) {
                return read;
            }
            blanks.add(new BlankRun(read));
            return takeBlank();
        }
        return null;
    }

    private Line takeBlank() {
        BlankRun first = blanks.peek();
        if (--first.count == 0) {
            blanks.poll();
        }
        return first.line;
    }

    /** The next line as it is, blank or not; null at the end of the file. */
    private Line readLine() throws IOException {
        if (position == limit && !fill()) {
            return null;
        }
        int length = 0;
        long counted = 0;
        while (true) {
            int start = position;
            while (position < limit && chunk[position] != '\n') {
                position++;
            }
            int run = position - start;
            if (length < maxLineBytes) {
                int keep = (int) Math.min(run, (long) maxLineBytes - length);
                if (length + keep > line.length) {
                    line = Arrays.copyOf(line, (int) Math.min(Math.max((long) line.length * 2, length + keep),
                            maxLineBytes));
                }
                System.arraycopy(chunk, start, line, length, keep);
                length += keep;
            }
            counted += run;
            if (position < limit) { // at the newline
                position++;
                break;
            }
            if (!fill()) {
                break;
            }
        }
        if (counted > maxLineBytes) {
            return new Line(RecordText.decode(line, 0, Math.min(length, TOO_LONG_PREFIX)), true, counted);
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new Line(RecordText.decode(line, 0, length), false, counted);
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(chunk, 0, chunk.length);
        } while (n == 0);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    @Override
    public String toString() {
        return "ArchiveLines[" + relative + "]";
    }

    /** The file system's stream, whose every failure is a {@link SourceException}. */
    private static final class SourceStream extends InputStream {
        private final String relative;
        private final InputStream in;

        SourceStream(String relative, InputStream in) {
            this.relative = relative;
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException | RuntimeException e) {
                throw failure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw failure(e);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        private SourceException failure(Exception e) {
            return e instanceof SourceException s ? s : new SourceException("cannot read " + relative + ": " + e, e);
        }
    }
}
