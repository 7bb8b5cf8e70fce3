package dev.reproject.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The sandbox's servers for fault tests: like {@link LocalServers}, but each can be stopped (SIGTERM) or killed
 * (SIGKILL) and started again on the same port with the same data directory, as an operator restarts a server.
 * Ports are picked once, when the set is created. Started again, S3Proxy has the same objects and the Kafka broker
 * the same topics, records and committed offsets (both keep them on disk); dynalite, which keeps everything in
 * memory, starts empty.
 *
 * <p>Each server starts on first use of its endpoint; {@link #close()} stops them. The work dir is the caller's:
 * it is not deleted.
 */
public final class RestartableServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RestartableServers.class);

    private static final String REGION = "us-east-1";

    /** The servers of the set. */
    public enum Server {
        DYNAMODB, S3, KAFKA
    }

    private final Path workDir;
    private final SandboxCredentials credentials = SandboxCredentials.local();
    private final Map<Server, Function<Path, StartedServer>> starters = new EnumMap<>(Server.class);
    private final Map<Server, StartedServer> running = new EnumMap<>(Server.class);
    /** Servers started at least once: their endpoint is not started again on use, even when stopped. */
    private final Set<Server> used = EnumSet.noneOf(Server.class);
    private final int dynamoPort = FreePort.pick();
    private final int s3Port = FreePort.pick();
    private final int kafkaPort = FreePort.pick();
    private final int controllerPort = FreePort.pick();
    private boolean closed;

    private RestartableServers(Path workDir, SandboxPaths paths) {
        this.workDir = workDir;
        starters.put(Server.DYNAMODB, dir -> DynaliteServer.start(paths.dynaliteDir(), dir, dynamoPort));
        starters.put(Server.S3, dir -> S3ProxyServer.start(paths.requireS3ProxyJar(), credentials, dir, s3Port));
        starters.put(Server.KAFKA,
                dir -> KafkaBroker.start(paths.requireKafkaLib(), dir, kafkaPort, controllerPort));
    }

    /** A set of servers keeping their data, configuration and logs in {@code workDir} (created if missing). */
    public static RestartableServers create(Path workDir) {
        return new RestartableServers(ConfigFiles.createDirectories(workDir.toAbsolutePath()), SandboxPaths.load());
    }

    /** {@code http://127.0.0.1:PORT}, the same across restarts; starts dynalite unless it runs or was stopped. */
    public URI dynamoDbEndpoint() {
        startOnFirstUse(Server.DYNAMODB);
        return URI.create("http://127.0.0.1:" + dynamoPort);
    }

    /** {@code http://127.0.0.1:PORT} (path-style only), the same across restarts. */
    public URI s3Endpoint() {
        startOnFirstUse(Server.S3);
        return URI.create("http://127.0.0.1:" + s3Port);
    }

    /** {@code 127.0.0.1:PORT}, the same across restarts. */
    public String kafkaBootstrapServers() {
        startOnFirstUse(Server.KAFKA);
        return "127.0.0.1:" + kafkaPort;
    }

    public String region() {
        return REGION;
    }

    /** The credentials S3Proxy checks (dynalite accepts any). */
    public SandboxCredentials credentials() {
        return credentials;
    }

    /** The {@code REPROJECT_*} variables pointing the CLI at the servers used so far, plus the region. */
    public synchronized Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        if (used.contains(Server.DYNAMODB)) {
            environment.put("REPROJECT_DYNAMODB_ENDPOINT", "http://127.0.0.1:" + dynamoPort);
        }
        if (used.contains(Server.S3)) {
            environment.put("REPROJECT_S3_ENDPOINT", "http://127.0.0.1:" + s3Port);
        }
        if (used.contains(Server.KAFKA)) {
            environment.put("REPROJECT_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
        }
        environment.put("REPROJECT_REGION", REGION);
        return environment;
    }

    /** Whether the server runs (started and neither stopped nor killed since). */
    public synchronized boolean isRunning(Server server) {
        return running.containsKey(server);
    }

    /** Starts the server on its port with its data dir; it must not be running. */
    public synchronized void start(Server server) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (running.containsKey(server)) {
            throw new IllegalStateException(server + " is running already");
        }
        long startNanos = System.nanoTime();
        Path dir = ConfigFiles.createDirectories(workDir.resolve(server.name().toLowerCase(Locale.ROOT)));
        StartedServer started = starters.get(server).apply(dir);
        running.put(server, started);
        used.add(server);
        log.info("Started {} in {} ms (pid {}, logs in {})", server, (System.nanoTime() - startNanos) / 1_000_000,
                started.pid(), dir);
    }

    /** Stops the server as an operator would (SIGTERM, then SIGKILL after 10 s); nothing if it is not running. */
    public synchronized void stop(Server server) {
        StartedServer started = running.remove(server);
        if (started != null) {
            started.stop();
        }
    }

    /** Kills the server and what it started with SIGKILL, at once; nothing if it is not running. */
    public synchronized void kill(Server server) {
        StartedServer started = running.remove(server);
        if (started == null) {
            return;
        }
        ProcessHandle.of(started.pid()).ifPresent(process -> {
            List<ProcessHandle> descendants = process.descendants().toList();
            process.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.warn("{} (pid {}) did not end within 30 s of SIGKILL", server, started.pid());
            }
        });
        started.stop(); // releases what the sandbox holds for it; the process is gone
    }

    /** Stops every running server. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Server server : List.of(Server.KAFKA, Server.S3, Server.DYNAMODB)) {
            try {
                stop(server);
            } catch (RuntimeException e) {
                log.warn("Could not stop {} cleanly", server, e);
            }
        }
    }

    private synchronized void startOnFirstUse(Server server) {
        if (!used.contains(server)) {
            start(server);
        }
    }
}
