package dev.reproject.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A KRaft broker of its own for the tests of Kafka client security, on 127.0.0.1: besides the PLAINTEXT listener
 * every other broker of the sandbox has (for the test's own set-up), a SASL_PLAINTEXT listener that takes
 * SCRAM-SHA-512 (the user created when the storage is formatted, as {@code kafka-storage format --add-scram} does)
 * and PLAIN (the user in the listener's JAAS configuration), and an SSL listener whose certificate, for
 * {@code IP:127.0.0.1}, keytool makes for this broker alone. One user, {@value #USER}, with a random password for
 * both mechanisms.
 *
 * <p>Start one per test class ({@code @BeforeAll}) and close it ({@code @AfterAll}): closing stops the broker and
 * deletes its work dir with the key and trust stores.
 */
public final class SecuredKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SecuredKafka.class);

    public static final String USER = "reproject";
    private static final String SCRAM = "SCRAM-SHA-512";
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final KafkaBroker broker;
    private final int saslPort;
    private final int sslPort;
    private final String password;
    private final Path truststore;
    private final String truststorePassword;

    private SecuredKafka(Path dir, KafkaBroker broker, int saslPort, int sslPort, String password, Path truststore,
                         String truststorePassword) {
        this.dir = dir;
        this.broker = broker;
        this.saslPort = saslPort;
        this.sslPort = sslPort;
        this.password = password;
        this.truststore = truststore;
        this.truststorePassword = truststorePassword;
    }

    /** Makes the certificate and starts the broker in a new temporary work dir. */
    public static SecuredKafka start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("reproject-secured-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary work dir for the secured broker", e);
        }
        try {
            return start(SandboxPaths.load().requireKafkaLib(), dir);
        } catch (RuntimeException e) {
            LocalServers.deleteRecursively(dir);
            throw e;
        }
    }

    private static SecuredKafka start(Path kafkaLib, Path dir) {
        long startNanos = System.nanoTime();
        String password = secret();
        String keystorePassword = secret();
        String truststorePassword = secret();
        Path keystore = dir.resolve("broker.p12");
        Path truststore = dir.resolve("truststore.p12");
        certificate(dir, keystore, keystorePassword, truststore, truststorePassword);

        int plainPort = FreePort.pick();
        int saslPort = FreePort.pick();
        int sslPort = FreePort.pick();
        int controllerPort = FreePort.pick();
        Properties properties = serverProperties(plainPort, saslPort, sslPort, controllerPort, dir.resolve("data"),
                keystore, keystorePassword, password);
        KafkaBroker broker = KafkaBroker.start(kafkaLib, dir, properties,
                List.of("--add-scram", SCRAM + "=[name=" + USER + ",password=" + password + "]"), plainPort,
                List.of(saslPort, sslPort));
        log.info("Started the secured Kafka broker in {} ms (pid {}, logs in {})",
                (System.nanoTime() - startNanos) / 1_000_000, broker.pid(), dir);
        return new SecuredKafka(dir, broker, saslPort, sslPort, password, truststore, truststorePassword);
    }

    static Properties serverProperties(int plainPort, int saslPort, int sslPort, int controllerPort, Path dataDir,
                                       Path keystore, String keystorePassword, String password) {
        Properties p = KafkaBroker.serverProperties(plainPort, controllerPort, dataDir);
        String clients = "PLAINTEXT://127.0.0.1:" + plainPort + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort
                + ",SSL://127.0.0.1:" + sslPort;
        p.setProperty("listeners", clients + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", clients);
        p.setProperty("listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL,CONTROLLER:PLAINTEXT");
        p.setProperty("sasl.enabled.mechanisms", SCRAM + ",PLAIN");
        p.setProperty("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.setProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + USER + "=\"" + password
                        + "\";");
        p.setProperty("listener.name.ssl.ssl.keystore.type", "PKCS12");
        p.setProperty("listener.name.ssl.ssl.keystore.location", keystore.toString());
        p.setProperty("listener.name.ssl.ssl.keystore.password", keystorePassword);
        p.setProperty("listener.name.ssl.ssl.client.auth", "none");
        return p;
    }

    /**
     * A key pair and self-signed certificate for 127.0.0.1 (EC: made in milliseconds) in the broker's key store, and
     * that certificate alone in the clients' trust store, both PKCS12, by the JDK's keytool.
     */
    private static void certificate(Path dir, Path keystore, String keystorePassword, Path truststore,
                                    String truststorePassword) {
        Path certificate = dir.resolve("broker.pem");
        keytool(dir, "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", keystorePassword);
        keytool(dir, "-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(), "-storepass",
                keystorePassword, "-file", certificate.toString());
        keytool(dir, "-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(), "-storetype",
                "PKCS12", "-keystore", truststore.toString(), "-storepass", truststorePassword);
    }

    private static void keytool(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        ManagedProcess.run("keytool " + args[0], command, dir, dir.resolve("keytool.log"), KEYTOOL_TIMEOUT);
    }

    private static String secret() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The PLAINTEXT listener, {@code 127.0.0.1:PORT}: no security, for the test's own set-up. */
    public String plaintextBootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The SASL_PLAINTEXT listener, {@code 127.0.0.1:PORT}. */
    public String saslBootstrapServers() {
        return "127.0.0.1:" + saslPort;
    }

    /** The SSL listener, {@code 127.0.0.1:PORT}. */
    public String sslBootstrapServers() {
        return "127.0.0.1:" + sslPort;
    }

    /** {@value #USER}'s password, for SCRAM-SHA-512 and PLAIN alike. */
    public String password() {
        return password;
    }

    /** The client properties of a SCRAM-SHA-512 login as {@value #USER} with {@code password}. */
    public Map<String, String> scramClientProperties(String password) {
        return saslClientProperties(SCRAM, "org.apache.kafka.common.security.scram.ScramLoginModule", password);
    }

    /** The client properties of a PLAIN login as {@value #USER} with {@code password}. */
    public Map<String, String> plainClientProperties(String password) {
        return saslClientProperties("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule", password);
    }

    private Map<String, String> saslClientProperties(String mechanism, String loginModule, String password) {
        return Map.of("bootstrap.servers", saslBootstrapServers(), "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", mechanism, "sasl.jaas.config",
                loginModule + " required username=\"" + USER + "\" password=\"" + password + "\";");
    }

    /** The client properties of a TLS connection that trusts this broker's certificate. */
    public Map<String, String> sslClientProperties() {
        return Map.of("bootstrap.servers", sslBootstrapServers(), "security.protocol", "SSL",
                "ssl.truststore.type", "PKCS12", "ssl.truststore.location", truststore.toString(),
                "ssl.truststore.password", truststorePassword);
    }

    /** Stops the broker and deletes its work dir. */
    @Override
    public void close() {
        try {
            broker.stop();
        } finally {
            LocalServers.deleteRecursively(dir);
        }
    }
}
