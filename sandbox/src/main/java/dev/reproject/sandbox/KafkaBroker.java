package dev.reproject.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) in its own JVM, on the broker classpath the
 * build copies to {@code kafka-lib}. Kafka is run through its own main classes only: our code never links to it,
 * so users of the sandbox never get Scala or the broker on their classpath.
 */
final class KafkaBroker extends StartedServer {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final String KAFKA_MAIN = "kafka.Kafka";
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String bootstrapServers;

    private KafkaBroker(ManagedProcess process, String bootstrapServers) {
        super(process);
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats storage in {@code dir} and starts the broker with its config, data and logs there. */
    static KafkaBroker start(Path kafkaLib, Path dir) {
        return start(kafkaLib, dir, FreePort.pick(), FreePort.pick());
    }

    /**
     * Starts the broker on these ports with its config, data and logs in {@code dir}, formatting the storage
     * first unless it is formatted already: again in the dir and on the ports of a stopped broker, it has the
     * same topics, records and committed offsets.
     */
    static KafkaBroker start(Path kafkaLib, Path dir, int brokerPort, int controllerPort) {
        return start(kafkaLib, dir, serverProperties(brokerPort, controllerPort, dir.resolve("data")), List.of(),
                brokerPort, List.of());
    }

    /**
     * Starts a broker with these server properties (data in {@code dir/data}), formatting its storage first with
     * {@code formatArguments} added (e.g. {@code --add-scram}) unless it is formatted already, and returns once
     * {@code brokerPort} (the PLAINTEXT listener, whose address {@link #bootstrapServers()} gives) and
     * {@code otherPorts} accept connections.
     */
    static KafkaBroker start(Path kafkaLib, Path dir, Properties properties, List<String> formatArguments,
                             int brokerPort, List<Integer> otherPorts) {
        Path config = ConfigFiles.writeProperties(dir.resolve("server.properties"), properties);
        Path serverLog = dir.resolve("server.log");
        Path log4j = ConfigFiles.writeString(dir.resolve("log4j2.xml"), log4jConfig());
        // a classpath wildcard, expanded by the java launcher (a Path cannot hold "*" on every OS)
        String classpath = kafkaLib + File.separator + "*";
        List<String> jvmOptions = List.of("-Xmx768m",
                "-Dlog4j2.configurationFile=" + log4j,
                "-Dreproject.sandbox.kafka.log=" + serverLog);

        // StorageTool's main calls System.exit, which is harmless in a process of its own. A one-second job: the
        // C1 compiler alone and the serial collector start faster and it never runs long enough to need C2.
        List<String> formatOptions = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m");
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            long formatStart = System.nanoTime();
            ManagedProcess.run("Kafka storage format",
                    ChildJvm.command(formatOptions, classpath, STORAGE_TOOL,
                            Stream.concat(Stream.of("format", "-t", clusterId(), "-c", config.toString()),
                                    formatArguments.stream()).toList()),
                    dir, dir.resolve("format.log"), FORMAT_TIMEOUT);
            log.debug("Formatted Kafka storage in {} ms", (System.nanoTime() - formatStart) / 1_000_000);
        }

        ManagedProcess process = ManagedProcess.start("Kafka broker",
                ChildJvm.command(jvmOptions, classpath, KAFKA_MAIN, List.of(config.toString())),
                dir, dir.resolve("kafka.log"), List.of(serverLog));
        try {
            // Kafka 4.2 binds its client listener last, when it logs "Kafka Server started": open means ready
            process.awaitPort(brokerPort, START_TIMEOUT);
            for (int port : otherPorts) {
                process.awaitPort(port, START_TIMEOUT);
            }
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
        return new KafkaBroker(process, "127.0.0.1:" + brokerPort);
    }

    static Properties serverProperties(int brokerPort, int controllerPort, Path dataDir) {
        Properties p = new Properties();
        p.setProperty("node.id", "1");
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        // a static quorum of one: a plain `format` is enough, no --standalone / dynamic quorum needed
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("log.dirs", dataDir.toString());
        // one broker: internal topics with the default replication factor 3 would never be created, and
        // consumer groups and transactions would hang waiting for them
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // the first consumer of a group would otherwise wait 3 s for others to join
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.partitions", "1");
        p.setProperty("auto.create.topics.enable", "true");
        return p;
    }

    /**
     * 16 random bytes in URL-safe base64 without padding, as Kafka's {@code Uuid}. Like {@code Uuid.randomUuid()},
     * never one starting with '-', which the tool's argument parser would take for an option.
     */
    static String clusterId() {
        while (true) {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    /** INFO to a file: the broker's log is what one reads when a test hangs, but it must not reach our stdout. */
    private static String log4jConfig() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- written by the reproject sandbox; the file name comes from a system property, so no escaping -->
                <Configuration status="WARN">
                  <Appenders>
                    <File name="file" fileName="${sys:reproject.sandbox.kafka.log}" append="true">
                      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
                    </File>
                  </Appenders>
                  <Loggers>
                    <Root level="INFO"><AppenderRef ref="file"/></Root>
                  </Loggers>
                </Configuration>
                """;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }
}
