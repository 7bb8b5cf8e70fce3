package dev.reproject.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * S3Proxy on the jclouds filesystem provider, in its own JVM: its jar brings Jetty and a newer Jackson than
 * ours, so it never shares a classpath with us. Filesystem rather than transient (memory) storage, because
 * transient holds every byte ever uploaded on the heap.
 */
final class S3ProxyServer extends StartedServer {

    private static final String MAIN_CLASS = "org.gaul.s3proxy.Main";
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final URI endpoint;

    private S3ProxyServer(ManagedProcess process, URI endpoint) {
        super(process);
        this.endpoint = endpoint;
    }

    /** Starts S3Proxy from {@code jar} on a free port with its data, config and log in {@code dir}. */
    static S3ProxyServer start(Path jar, SandboxCredentials credentials, Path dir) {
        return start(jar, credentials, dir, FreePort.pick());
    }

    /** Starts S3Proxy on {@code port}: again in the dir and on the port of one stopped, it has the same objects. */
    static S3ProxyServer start(Path jar, SandboxCredentials credentials, Path dir, int port) {
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        // the filesystem provider fails at start if its base directory does not exist
        Path data = ConfigFiles.createDirectories(dir.resolve("data"));
        Path config = ConfigFiles.writeProperties(dir.resolve("s3proxy.properties"),
                properties(endpoint, credentials, data));
        ManagedProcess process = ManagedProcess.start("S3Proxy",
                ChildJvm.command(JVM_OPTIONS, jar.toString(), MAIN_CLASS, List.of("--properties", config.toString())),
                dir, dir.resolve("s3proxy.log"), List.of());
        try {
            process.awaitPort(port, START_TIMEOUT);
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
        return new S3ProxyServer(process, endpoint);
    }

    static Properties properties(URI endpoint, SandboxCredentials credentials, Path data) {
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", endpoint.toString());
        // v2 and v4 signatures, so any SDK or s3a version can talk to it; a wrong secret gets 403 like AWS
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", credentials.accessKeyId());
        properties.setProperty("s3proxy.credential", credentials.secretAccessKey());
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.filesystem.basedir", data.toString());
        return properties;
    }

    URI endpoint() {
        return endpoint;
    }
}
