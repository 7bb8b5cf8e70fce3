package dev.reproject.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One set of real servers on 127.0.0.1: dynalite for DynamoDB, S3Proxy for S3, a KRaft broker for Kafka. Each
 * starts on first use of its endpoint, on a free port, so a test that needs only DynamoDB pays only for dynalite.
 *
 * <p>{@link #close()} stops them and deletes the work dir; it also runs as a shutdown hook. The Java servers and
 * dynalite additionally exit by themselves when this JVM is killed (see {@link ParentWatchdog}).
 *
 * <pre>{@code
 * try (LocalServers servers = LocalServers.create()) {
 *     DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(servers.dynamoDbEndpoint()) ...
 * }
 * }</pre>
 */
public final class LocalServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalServers.class);

    private static final String REGION = "us-east-1";

    private final Path workDir;
    private final SandboxCredentials credentials = SandboxCredentials.local();
    private final LazyServer<DynaliteServer> dynalite;
    private final LazyServer<S3ProxyServer> s3Proxy;
    private final LazyServer<KafkaBroker> kafka;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::close, "reproject-sandbox-shutdown");

    private LocalServers(Path workDir, SandboxPaths paths) {
        this.workDir = workDir;
        this.dynalite = lazy("dynalite", () -> DynaliteServer.start(paths.dynaliteDir(), serverDir("dynalite")));
        this.s3Proxy = lazy("S3Proxy",
                () -> S3ProxyServer.start(paths.requireS3ProxyJar(), credentials, serverDir("s3proxy")));
        this.kafka = lazy("Kafka broker", () -> KafkaBroker.start(paths.requireKafkaLib(), serverDir("kafka")));
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A sandbox in a new temporary work dir. */
    public static LocalServers create() {
        try {
            return create(Files.createTempDirectory("reproject-sandbox-"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary work dir for the sandbox", e);
        }
    }

    /** A sandbox in {@code workDir}, created if missing. {@link #close()} deletes it with everything in it. */
    public static LocalServers create(Path workDir) {
        return create(workDir, SandboxPaths.load());
    }

    static LocalServers create(Path workDir, SandboxPaths paths) {
        return new LocalServers(ConfigFiles.createDirectories(workDir.toAbsolutePath()), paths);
    }

    /** The DynamoDB endpoint ({@code http://127.0.0.1:PORT}); starts dynalite on first call. */
    public URI dynamoDbEndpoint() {
        return dynalite.get().endpoint();
    }

    /** The S3 endpoint ({@code http://127.0.0.1:PORT}, path-style only); starts S3Proxy on first call. */
    public URI s3Endpoint() {
        return s3Proxy.get().endpoint();
    }

    /** {@code 127.0.0.1:PORT}; starts the Kafka broker on first call. */
    public String kafkaBootstrapServers() {
        return kafka.get().bootstrapServers();
    }

    /** The region to configure clients with; the servers ignore it, the SDK needs one. */
    public String region() {
        return REGION;
    }

    /** The credentials S3Proxy checks (dynalite accepts any). */
    public SandboxCredentials credentials() {
        return credentials;
    }

    /** Where the servers keep their data, configuration and logs. */
    public Path workDir() {
        return workDir;
    }

    /**
     * The {@code REPROJECT_*} variables that point the CLI at the servers started so far, plus the region.
     * Never credentials: the CLI takes those from the AWS default chain ({@code AWS_ACCESS_KEY_ID}, ...).
     */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        dynalite.ifStarted().ifPresent(s -> environment.put("REPROJECT_DYNAMODB_ENDPOINT", s.endpoint().toString()));
        s3Proxy.ifStarted().ifPresent(s -> environment.put("REPROJECT_S3_ENDPOINT", s.endpoint().toString()));
        kafka.ifStarted().ifPresent(s -> environment.put("REPROJECT_BOOTSTRAP_SERVERS", s.bootstrapServers()));
        environment.put("REPROJECT_REGION", REGION);
        return Collections.unmodifiableMap(environment);
    }

    /** Stops every started server and deletes the work dir. Idempotent and safe from any thread. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs close(), which returns at once
            }
        }
        for (LazyServer<?> server : List.of(kafka, s3Proxy, dynalite)) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                log.warn("Could not stop a sandbox server cleanly", e);
            }
        }
        deleteRecursively(workDir);
    }

    private <S extends StartedServer> LazyServer<S> lazy(String name, Supplier<S> starter) {
        return new LazyServer<>(name, () -> {
            long startNanos = System.nanoTime();
            S server = starter.get();
            log.info("Started {} in {} ms (pid {}, logs in {})",
                    name, (System.nanoTime() - startNanos) / 1_000_000, server.pid(), workDir);
            return server;
        });
    }

    private Path serverDir(String name) {
        return ConfigFiles.createDirectories(workDir.resolve(name));
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete the sandbox work dir {}: {}", dir, e.toString());
        }
        if (Files.exists(dir)) {
            log.warn("Could not delete all of the sandbox work dir {}", dir);
        }
    }
}
