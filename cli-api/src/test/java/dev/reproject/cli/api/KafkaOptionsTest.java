package dev.reproject.cli.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --kafka-config}, {@code --kafka-property} and {@code --bootstrap-servers} as a command parses them. */
class KafkaOptionsTest {

    private static final String SECRET = "pa55-word-never-shown";

    @Command(name = "kafka-test")
    static final class KafkaCommand implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;
        Map<String, Object> config;

        @Override
        public Integer call() {
            config = kafka.clientConfig();
            return 0;
        }
    }

    /** One run: exit status, the configuration it built (null when it failed) and what it printed. */
    record Run(int exitCode, Map<String, Object> config, String output) {
    }

    private static Run run(Map<String, String> environment, String... args) {
        KafkaCommand command = new KafkaCommand();
        StringWriter output = new StringWriter();
        CommandLine line = CommandLines.configure(new CommandLine(command), environment);
        line.setOut(new PrintWriter(output));
        line.setErr(new PrintWriter(output));
        int exit = line.execute(args);
        return new Run(exit, command.config, output.toString());
    }

    private static Run run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void theFileThenEachPropertyThenBootstrapServersTheLaterWinning(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"), """
                # as kafka-console-consumer.sh --consumer.config takes it
                bootstrap.servers=file-host:9093
                security.protocol=SASL_SSL
                sasl.mechanism = SCRAM-SHA-512
                ssl.truststore.location=/etc/kafka/truststore.p12
                """);

        Run run = run("--kafka-config", file.toString(), "--kafka-property", "sasl.mechanism=PLAIN",
                "--kafka-property", "bootstrap.servers=property-host:9093", "--kafka-property",
                "client.dns.lookup=use_all_dns_ips", "--bootstrap-servers", "option-host:9093");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("bootstrap.servers", "option-host:9093");
        expected.put("security.protocol", "SASL_SSL");
        expected.put("sasl.mechanism", "PLAIN");
        expected.put("ssl.truststore.location", "/etc/kafka/truststore.p12");
        expected.put("client.dns.lookup", "use_all_dns_ips");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.config()).isEqualTo(expected);

        assertThat(run("--kafka-config", file.toString(), "--kafka-property", "bootstrap.servers=property-host:9093")
                .config()).containsEntry("bootstrap.servers", "property-host:9093");
        assertThat(run("--kafka-config", file.toString()).config()).containsEntry("bootstrap.servers",
                "file-host:9093");
    }

    @Test
    void aPropertyValueMayHoldEqualsSignsAndSpaces() {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" "
                + "password=\"a=b\";";

        Run run = run("--bootstrap-servers", "h:1", "--kafka-property", "sasl.jaas.config=" + jaas);

        assertThat(run.config()).isEqualTo(Map.of("bootstrap.servers", "h:1", "sasl.jaas.config", jaas));
    }

    @Test
    void theBootstrapServersAndTheFileMayComeFromTheEnvironment(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("c.properties"), "security.protocol=SSL\n");

        Run run = run(Map.of("REPROJECT_BOOTSTRAP_SERVERS", "env-host:9092", "REPROJECT_KAFKA_CONFIG",
                file.toString()));

        assertThat(run.config()).isEqualTo(Map.of("bootstrap.servers", "env-host:9092", "security.protocol", "SSL"));
    }

    @Test
    void noBootstrapServersAnywhereIsAUsageErrorNamingTheThreeWays() {
        Run run = run("--kafka-property", "security.protocol=SSL");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("no Kafka bootstrap servers given: pass --bootstrap-servers HOSTS, or set "
                + "bootstrap.servers in --kafka-config or with --kafka-property");
    }

    @Test
    void aMissingOrUnreadableFileIsAUsageErrorNamingIt(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.properties");
        Run none = run("--bootstrap-servers", "h:1", "--kafka-config", missing.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.output()).contains("--kafka-config " + missing + ": no such file");

        Run directory = run("--bootstrap-servers", "h:1", "--kafka-config", dir.toString());
        assertThat(directory.exitCode()).isEqualTo(2);
        assertThat(directory.output()).contains("--kafka-config " + dir + ": cannot be read (a directory)");

        Path locked = Files.writeString(dir.resolve("locked.properties"), "sasl.jaas.config=" + SECRET + "\n");
        if (locked.toFile().setReadable(false) && !Files.isReadable(locked)) { // not as root, where all is readable
            Run unreadable = run("--bootstrap-servers", "h:1", "--kafka-config", locked.toString());
            assertThat(unreadable.exitCode()).isEqualTo(2);
            assertThat(unreadable.output()).contains("--kafka-config " + locked + ": cannot be read");
        }
    }

    @Test
    void aPropertyWithoutEqualsOrKeyIsAUsageErrorThatDoesNotRepeatIt() {
        Run noEquals = run("--bootstrap-servers", "h:1", "--kafka-property", "a=b", "--kafka-property",
                "ssl.truststore.password:" + SECRET);
        assertThat(noEquals.exitCode()).isEqualTo(2);
        assertThat(noEquals.output()).contains("--kafka-property takes KEY=VALUE, but its 2nd value has no '='")
                .doesNotContain(SECRET);

        Run noKey = run("--bootstrap-servers", "h:1", "--kafka-property", "=" + SECRET);
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.output()).contains("its 1st value has no key before '='").doesNotContain(SECRET);
    }
}
