package dev.reproject.aws.s3;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3LocationTest {

    @ParameterizedTest
    @CsvSource({
            "s3a://bucket,                 bucket, ''",
            "s3a://bucket/,                bucket, ''",
            "s3://bucket/archive,          bucket, archive",
            "s3a://bucket/a/b/,            bucket, a/b",
            "S3A://bucket//a//,            bucket, a",
            "s3://my.bucket-1/topics/x,    my.bucket-1, topics/x"})
    void parsesBucketAndPrefix(String root, String bucket, String prefix) {
        assertThat(S3Location.parse(root)).isEqualTo(new S3Location(bucket, prefix));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3a://", "s3a:///archive", "s3://", "hdfs://bucket/x", "bucket/x", "file:///tmp"})
    void refusesWhatIsNotBucketAndPrefix(String root) {
        assertThatThrownBy(() -> S3Location.parse(root))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(root);
    }

    @Test
    void mapsRelativePathsToKeysAndBack() {
        S3Location under = S3Location.parse("s3a://b/archive/2026");
        assertThat(under.key("topics/t/x.json")).isEqualTo("archive/2026/topics/t/x.json");
        assertThat(under.relative("archive/2026/topics/t/x.json")).isEqualTo("topics/t/x.json");
        assertThat(under.uri("x.json")).isEqualTo("s3://b/archive/2026/x.json");

        S3Location bucketRoot = S3Location.parse("s3://b");
        assertThat(bucketRoot.key("topics/x.json")).isEqualTo("topics/x.json");
        assertThat(bucketRoot.relative("topics/x.json")).isEqualTo("topics/x.json");
    }

    @Test
    void aKeyOutsideThePrefixIsNotRelativeToIt() {
        // "archive2/…" shares the characters but not the directory
        assertThatThrownBy(() -> S3Location.parse("s3a://b/archive").relative("archive2/x.json"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
