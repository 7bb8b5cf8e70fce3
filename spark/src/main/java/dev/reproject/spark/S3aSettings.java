package dev.reproject.spark;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How Spark's s3a reaches S3: the AWS default chain, or a local S3-compatible server (path-style).
 *
 * @param endpoint    a non-AWS endpoint, e.g. {@code http://127.0.0.1:9000}
 * @param region      the signing region
 * @param accessKey   static credentials for a local server; empty: s3a's default credential chain
 * @param secretKey   never printed ({@link #toString()} hides it)
 */
public record S3aSettings(Optional<URI> endpoint, String region, Optional<String> accessKey,
                          Optional<String> secretKey) {

    public static S3aSettings aws(String region) {
        return new S3aSettings(Optional.empty(), region, Optional.empty(), Optional.empty());
    }

    /**
     * The S3 endpoint the user gave and the region the run resolved (the AWS adapter's {@code AwsRegions}), no keys:
     * credentials from the default chain.
     */
    public static S3aSettings of(Optional<URI> endpoint, String region) {
        return new S3aSettings(endpoint, region, Optional.empty(), Optional.empty());
    }

    /**
     * What a run outside a cluster needs besides {@link #hadoopConf()}: {@code s3://} served by s3a (on EMR the
     * cluster's connector serves it), and s3a's credentials from the whole AWS default chain, as every other
     * client of the CLI gets them. s3a's own default chain leaves out Java system properties, profiles and SSO:
     * here the SDK's {@code DefaultCredentialsProvider} comes after s3a's temporary and static key providers.
     * On a cluster the cluster's settings stay as they are (EMR may supply its own providers).
     */
    public static Map<String, String> localDefaults() {
        Map<String, String> conf = new TreeMap<>();
        conf.put("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        conf.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider,"
                + "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider," + sdkDefaultChain());
        return conf;
    }

    /**
     * The SDK's default chain, by a name built at run time: the job jars relocate our copy of the SDK, and the
     * shade plugin rewrites constant strings naming it too, but s3a must load the SDK it runs with.
     */
    private static String sdkDefaultChain() {
        return String.join(".", "software", "amazon", "awssdk", "auth", "credentials", "DefaultCredentialsProvider");
    }

    /** The Hadoop configuration keys these settings stand for. */
    public Map<String, String> hadoopConf() {
        Map<String, String> conf = new TreeMap<>();
        conf.put("fs.s3a.endpoint.region", region);
        endpoint.ifPresent(uri -> {
            conf.put("fs.s3a.endpoint", uri.toString());
            conf.put("fs.s3a.path.style.access", "true");
            conf.put("fs.s3a.connection.ssl.enabled", Boolean.toString("https".equals(uri.getScheme())));
        });
        if (accessKey.isPresent() && secretKey.isPresent()) {
            conf.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
            conf.put("fs.s3a.access.key", accessKey.get());
            conf.put("fs.s3a.secret.key", secretKey.get());
        }
        return conf;
    }

    @Override
    public String toString() {
        return "S3aSettings[endpoint=" + endpoint.map(URI::toString).orElse("AWS") + ", region=" + region
                + ", credentials=" + (accessKey.isPresent() ? "static" : "default chain") + "]";
    }
}
