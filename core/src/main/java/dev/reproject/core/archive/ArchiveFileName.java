package dev.reproject.core.archive;

import dev.reproject.core.event.SourcePartition;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka Connect S3 sink file names: {@code <topic>+<kafkaPartition>+<startOffset>.json} or {@code .json.gz}.
 * Directories before the name are ignored; topic names cannot contain {@code +}.
 */
public final class ArchiveFileName {

    private static final Pattern NAME = Pattern.compile("([^+/]+)\\+(\\d{1,9})\\+(\\d{1,19})\\.json(\\.gz)?");

    private ArchiveFileName() {
    }

    /** The file at {@code path}, or empty when its last segment is not an archive file name. */
    public static Optional<ArchiveFile> parse(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ArchiveFile(path, new SourcePartition(m.group(1), Integer.parseInt(m.group(2))),
                    Long.parseLong(m.group(3)), m.group(4) != null));
        } catch (NumberFormatException e) {
            return Optional.empty(); // digits, but beyond int/long: not a file Connect could have written
        }
    }

    /** The name Connect gives a file (offsets zero-padded to 10 digits, as its default). */
    public static String format(SourcePartition tp, long startOffset, boolean gzip) {
        return String.format(Locale.ROOT, "%s+%d+%010d.json%s", tp.topic(), tp.partition(), startOffset,
                gzip ? ".gz" : "");
    }
}
