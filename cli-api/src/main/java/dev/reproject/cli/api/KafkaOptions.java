package dev.reproject.cli.api;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka client configuration of the commands that use Kafka ({@code @Mixin}): a properties file as every Kafka
 * tool takes ({@code --kafka-config}), single properties ({@code --kafka-property}) and {@code --bootstrap-servers},
 * in that order of precedence, the later winning. The one configuration goes to every client of the command alike
 * (consumer, producer, admin client), so TLS, SASL or MSK IAM need no code (CONTRACT.md §7).
 *
 * <p>Here rather than in the Kafka adapter, which would otherwise need picocli; a client configuration is only
 * names and values, so this needs no Kafka class. Values are never shown, not even in an error.
 */
public class KafkaOptions {

    /** Kafka's name of the servers a client starts from. */
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", description = {"Kafka brokers, host:port[,host:port…] "
            + "(wins over bootstrap.servers in --kafka-config or --kafka-property, and may then be left out)."})
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE", description = {"Kafka client properties file, as every "
            + "Kafka tool takes (security.protocol, ssl.*, sasl.*, …), for every Kafka client of the command."})
    Path configFile;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", description = {"One Kafka client property; "
            + "repeatable; wins over --kafka-config. Keep secrets in the file, not on the command line."})
    List<String> properties;

    /**
     * The client configuration: the file's properties, then each {@code --kafka-property}, then
     * {@code --bootstrap-servers}.
     *
     * @throws IllegalArgumentException when the file is missing or cannot be read, a property has no {@code =} or no
     *                                  key, or no bootstrap servers are given anywhere
     */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        if (configFile != null) {
            read(configFile).forEach((key, value) -> config.put(key.toString(), value));
        }
        List<String> given = properties == null ? List.of() : properties;
        for (int i = 0; i < given.size(); i++) {
            String property = given.get(i);
            int equals = property.indexOf('=');
            // the text is not shown: a mistyped property may hold a secret
            if (equals < 0) {
                throw new IllegalArgumentException("--kafka-property takes KEY=VALUE, but its " + ordinal(i + 1)
                        + " value has no '='");
            }
            String key = property.substring(0, equals).strip();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("--kafka-property takes KEY=VALUE, but its " + ordinal(i + 1)
                        + " value has no key before '='");
            }
            config.put(key, property.substring(equals + 1));
        }
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            config.put(BOOTSTRAP_SERVERS, bootstrapServers.strip());
        }
        Object servers = config.get(BOOTSTRAP_SERVERS);
        if (servers == null || servers.toString().isBlank()) {
            throw new IllegalArgumentException("no Kafka bootstrap servers given: pass --bootstrap-servers HOSTS, or "
                    + "set bootstrap.servers in --kafka-config or with --kafka-property");
        }
        return config;
    }

    /** As Kafka's tools read their property files: {@link Properties#load(InputStream)}, ISO 8859-1 with escapes. */
    private static Properties read(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--kafka-config " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("--kafka-config " + file + ": cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--kafka-config " + file + ": cannot be read ("
                    + (Files.isDirectory(file) ? "a directory" : e.getClass().getSimpleName()) + ")", e);
        } catch (IllegalArgumentException e) {
            // Properties' own message ("Malformed \\uxxxx encoding.") quotes none of the file
            throw new IllegalArgumentException("--kafka-config " + file + ": not a properties file: "
                    + e.getMessage(), e);
        }
        return properties;
    }

    private static String ordinal(int n) {
        String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
