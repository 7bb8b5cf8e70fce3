package dev.reproject.archiver;

import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.error.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the publisher refuses before it talks to Kafka: the broker address here leads nowhere. */
class ArchivePublisherTest {

    private static final String NOWHERE = "127.0.0.1:9";

    @TempDir
    Path dir;
    private LocalArchiveStore store;
    private ArchivePublisher publisher;

    @BeforeEach
    void setUp() {
        store = new LocalArchiveStore(dir.toString());
        publisher = new ArchivePublisher(NOWHERE, store);
    }

    private void write(String path, String content) throws IOException {
        store.write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    private void corrupt(String path) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("some record\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        }
        store.write(path, Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));
    }

    @Test
    void offsetsOnlyACorruptFileHeldFailThePublicationNamingPartitionAndOffsets() throws IOException {
        write("topics/t/partition=0/t+0+0000000000.json", "a\nb\n");
        write("topics/t/partition=1/t+1+0000000000.json", "a\nb\n");
        corrupt("topics/t/partition=1/t+1+0000000002.json.gz");
        write("topics/t/partition=1/t+1+0000000005.json", "f\n");

        assertThatThrownBy(() -> publisher.publish(PublishRequest.of("t", "copy")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the archive of 't' under " + dir + " has holes: partition 1 lacks offsets 2..4"
                        + " (unreadable: topics/t/partition=1/t+1+0000000002.json.gz). Published past them, every"
                        + " later record would get another offset in Kafka than in the archive; allow missing offsets"
                        + " to publish anyway");
    }

    @Test
    void anArchiveWithoutFilesOfTheTopicIsNotFound() throws IOException {
        write("topics/u/partition=0/u+0+0000000000.json", "a\n");

        assertThatThrownBy(() -> publisher.publish(PublishRequest.of("t")))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no archive file of topic 't' under " + dir);
    }

    @Test
    void offsetsForPartitionsTheArchiveLacksAreAUsageError() throws IOException {
        write("topics/t/partition=1/t+1+0000000000.json", "a\n");

        assertThatThrownBy(() -> publisher.publish(PublishRequest.of("t").withUntilOffsets(Map.of(2, 1L))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an offset is given for partition 2, but the archive of 't' has partitions 0..1");
    }

    @Test
    void requestsAreChecked() {
        assertThatThrownBy(() -> PublishRequest.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PublishRequest.of("t").withFromOffsets(Map.of(0, -1L)))
                .hasMessageContaining("must be 0 or more");
        assertThat(PublishRequest.of("t").topic()).isEqualTo("t");
    }
}
