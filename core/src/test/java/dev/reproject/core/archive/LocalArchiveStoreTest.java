package dev.reproject.core.archive;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalArchiveStoreTest {

    @TempDir
    Path tmp;

    private Path root() {
        return tmp.resolve("archive");
    }

    private LocalArchiveStore store() {
        return new LocalArchiveStore(root().toString());
    }

    @Nested
    class WriteAndRead {

        @Test
        void givenAWrittenFile_thenReadGivesTheSameBytes_andItExists() throws IOException {
            byte[] content = "{\"a\":1}\n{\"b\":\"\u20ac\"}\n".getBytes(StandardCharsets.UTF_8);
            LocalArchiveStore store = store();

            store.write("topics/t/partition=0/t+0+0000000000.json", content);

            assertThat(store.read("topics/t/partition=0/t+0+0000000000.json")).isEqualTo(content);
            assertThat(store.exists("topics/t/partition=0/t+0+0000000000.json")).isTrue();
            assertThat(Files.readAllBytes(root().resolve("topics/t/partition=0/t+0+0000000000.json")))
                    .isEqualTo(content);
        }

        @Test
        void givenAnExistingFile_whenWrittenAgain_thenReplaced_andNoTemporaryFileLeft() throws IOException {
            LocalArchiveStore store = store();
            store.write("d/f.json", new byte[]{1, 2, 3});

            store.write("d/f.json", new byte[]{4});

            assertThat(store.read("d/f.json")).containsExactly(4);
            try (Stream<Path> files = Files.list(root().resolve("d"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("f.json");
            }
        }

        @Test
        void givenAnEmptyFile_thenReadGivesNoBytes() throws IOException {
            LocalArchiveStore store = store();
            store.write("empty.json", new byte[0]);

            assertThat(store.read("empty.json")).isEmpty();
            assertThat(store.exists("empty.json")).isTrue();
        }

        @Test
        void givenAMissingFile_thenReadThrowsFileNotFound_andItDoesNotExist() {
            LocalArchiveStore store = store();

            assertThatThrownBy(() -> store.read("nope/x.json"))
                    .isInstanceOf(FileNotFoundException.class).hasMessageContaining("nope/x.json");
            assertThat(store.exists("nope/x.json")).isFalse();
        }

        @Test
        void givenADirectory_thenItDoesNotExistAsAFile() throws IOException {
            LocalArchiveStore store = store();
            store.write("dir/f.json", new byte[]{1});

            assertThat(store.exists("dir")).isFalse();
        }

        @Test
        void givenAFileUriRoot_thenTheSameDirectory() throws IOException {
            String uri = root().toUri().toString();
            LocalArchiveStore store = new LocalArchiveStore(uri);

            store.write("a/b.json", new byte[]{7});

            assertThat(store.root()).isEqualTo(uri);
            assertThat(Files.readAllBytes(root().resolve("a/b.json"))).containsExactly(7);
            assertThat(store().read("a/b.json")).containsExactly(7);
        }
    }

    @Nested
    class OutsideTheRoot {

        @Test
        void givenAPathEscapingTheRoot_thenWriteIsRefused_andNothingIsWritten() {
            LocalArchiveStore store = store();

            assertThatThrownBy(() -> store.write("../x", new byte[]{1}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../x");
            assertThatThrownBy(() -> store.write("a/../../x", new byte[]{1}))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(tmp.resolve("x")).doesNotExist();
        }

        @Test
        void givenAnAbsolutePathOutsideTheRoot_thenRefused() {
            String outside = tmp.resolve("elsewhere.json").toAbsolutePath().toString();
            LocalArchiveStore store = store();

            assertThatThrownBy(() -> store.write(outside, new byte[]{1})).isInstanceOf(IllegalArgumentException.class);
            assertThat(tmp.resolve("elsewhere.json")).doesNotExist();
        }

        @Test
        void givenAPathEscapingTheRoot_thenReadAndExistsAreRefused() throws IOException {
            Files.writeString(tmp.resolve("secret"), "s");
            LocalArchiveStore store = store();

            assertThatThrownBy(() -> store.read("../secret")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.exists("../secret")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void givenASiblingDirectorySharingTheRootsNamePrefix_thenRefused() {
            // "archive2" starts with the string "archive" but is not inside it
            LocalArchiveStore store = store();

            assertThatThrownBy(() -> store.write("../archive2/x.json", new byte[]{1}))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void givenDotSegmentsThatStayInside_thenAllowed() throws IOException {
            LocalArchiveStore store = store();

            store.write("a/./b/../c.json", new byte[]{1});

            assertThat(store.exists("a/c.json")).isTrue();
        }
    }

    @Nested
    class Listing {

        @Test
        void givenNestedFiles_thenAllRelativeSortedWithSlashes() throws IOException {
            LocalArchiveStore store = store();
            for (String path : List.of("topics/u/u+0+0000000000.json", "topics/t/partition=1/t+1+0000000000.json",
                    "topics/t/partition=0/t+0+0000000010.json", "topics/t/partition=0/t+0+0000000000.json",
                    "top.json")) {
                store.write(path, new byte[]{1});
            }

            assertThat(store.list("")).containsExactly(
                    "top.json",
                    "topics/t/partition=0/t+0+0000000000.json",
                    "topics/t/partition=0/t+0+0000000010.json",
                    "topics/t/partition=1/t+1+0000000000.json",
                    "topics/u/u+0+0000000000.json");
        }

        @Test
        void givenAPrefix_thenOnlyPathsStartingWithIt_likeAnS3Prefix() throws IOException {
            LocalArchiveStore store = store();
            for (String path : List.of("topics/t/a.json", "topics/tt/b.json", "topics/u/c.json", "rejected/t/d.json")) {
                store.write(path, new byte[]{1});
            }

            assertThat(store.list("topics/t/")).containsExactly("topics/t/a.json");
            assertThat(store.list("topics/t")).containsExactly("topics/t/a.json", "topics/tt/b.json");
            assertThat(store.list("topics/")).containsExactly("topics/t/a.json", "topics/tt/b.json", "topics/u/c.json");
            assertThat(store.list("nothing/")).isEmpty();
        }

        @Test
        void givenFilesStartingWithADot_thenNotListed() throws IOException {
            LocalArchiveStore store = store();
            store.write("d/visible.json", new byte[]{1});
            store.write("d/.hidden.json", new byte[]{1});
            store.write(".top-hidden", new byte[]{1});
            Files.write(root().resolve("d/.visible.json.tmp"), new byte[]{1}); // what an interrupted write leaves

            assertThat(store.list("")).containsExactly("d/visible.json");
        }

        @Test
        void givenDirectoriesOnly_thenNoEntriesForThem() throws IOException {
            Files.createDirectories(root().resolve("a/b/c"));

            assertThat(store().list("")).isEmpty();
        }

        @Test
        void givenNoRootDirectory_thenAnEmptyList() throws IOException {
            assertThat(new LocalArchiveStore(tmp.resolve("does-not-exist").toString()).list("")).isEmpty();
        }

        @Test
        void givenConcurrentWrites_thenListingNeverFails() throws Exception {
            LocalArchiveStore store = store();
            store.write("x/f0.json", new byte[1]);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        store.write("x/f" + (i % 50) + ".json", new byte[10]);
                    } catch (Throwable e) {
                        writerFailure.set(e);
                        return;
                    }
                }
            });
            writer.start();
            try {
                long end = System.nanoTime() + 500_000_000L;
                while (System.nanoTime() < end) {
                    assertThatCode(() -> store.list("x/")).doesNotThrowAnyException();
                }
            } finally {
                stop.set(true);
                writer.join();
            }
            assertThat(writerFailure.get()).isNull();
        }
    }
}
