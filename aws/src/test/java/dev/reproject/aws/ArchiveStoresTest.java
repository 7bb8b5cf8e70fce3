package dev.reproject.aws;

import dev.reproject.aws.s3.S3ArchiveStore;
import dev.reproject.aws.s3.S3Location;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.LocalArchiveStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveStoresTest {

    private static final AwsSettings LOCAL_S3 = new AwsSettings(Optional.empty(),
            Optional.of(URI.create("http://127.0.0.1:9")), "us-east-1", AnonymousCredentialsProvider.create());

    @TempDir
    Path dir;

    @Test
    void aFileUriOrPlainPathIsALocalStore() throws Exception {
        ArchiveStore byUri = ArchiveStores.open(dir.toUri().toString(), LOCAL_S3);
        ArchiveStore byPath = ArchiveStores.open(dir.toString(), LOCAL_S3);
        assertThat(byUri).isInstanceOf(LocalArchiveStore.class);
        assertThat(byPath).isInstanceOf(LocalArchiveStore.class);

        byUri.write("topics/t/a.json", "x\n".getBytes(StandardCharsets.UTF_8));
        assertThat(byPath.list("")).containsExactly("topics/t/a.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3a://bucket/archive", "s3://bucket/archive/", "S3A://bucket/archive"})
    void s3RootsAreS3Stores(String root) {
        ArchiveStore store = ArchiveStores.open(root, LOCAL_S3);
        try {
            assertThat(store).isInstanceOf(S3ArchiveStore.class);
            assertThat(store.root()).isEqualTo(root);
            assertThat(((S3ArchiveStore) store).location()).isEqualTo(new S3Location("bucket", "archive"));
        } finally {
            ((S3ArchiveStore) store).close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hdfs://nn/archive", "gs://bucket/archive", "http://host/archive", "s3n://bucket/x"})
    void otherSchemesAreRefusedNamingTheRootAndWhatWorks(String root) {
        assertThatThrownBy(() -> ArchiveStores.open(root, LOCAL_S3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(root)
                .hasMessageContaining("s3a://bucket/prefix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "s3a://", "s3a:///prefix"})
    void blankOrBucketlessRootsAreRefused(String root) {
        assertThatThrownBy(() -> ArchiveStores.open(root, LOCAL_S3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWindowsDriveIsAPathNotAScheme() {
        assertThat(ArchiveStores.scheme("C:\\archive")).isNull();
        assertThat(ArchiveStores.scheme("/tmp/a:b")).isNull();
        assertThat(ArchiveStores.scheme("File:///tmp")).isEqualTo("file");
    }
}
