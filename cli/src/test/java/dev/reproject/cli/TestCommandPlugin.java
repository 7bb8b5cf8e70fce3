package dev.reproject.cli;

import dev.reproject.cli.api.CommandPlugin;
import dev.reproject.cli.api.CommonOptions;
import dev.reproject.core.error.BusyException;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.core.error.RefusedException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Hidden commands for the tests, found like any plug-in through
 * {@code src/test/resources/META-INF/services/dev.reproject.cli.api.CommandPlugin}.
 */
public final class TestCommandPlugin implements CommandPlugin {

    @Override
    public List<Object> commands() {
        return List.of(new Echo(), new Fail(), new Log());
    }

    /** Prints the common options it received, one {@code name=value} per line. */
    @Command(name = "test-echo", hidden = true)
    static final class Echo implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("view=" + common.view());
            out.println("dynamodb-endpoint=" + common.dynamoDbEndpoint().orElse(null));
            out.println("s3-endpoint=" + common.s3Endpoint().orElse(null));
            out.println("region=" + common.region().orElse(null));
            out.println("catalog-table=" + common.catalogTable());
            out.flush();
            return 0;
        }
    }

    /** Logs {@code --message} at INFO, as the commands log their progress. */
    @Command(name = "test-log", hidden = true)
    static final class Log implements Callable<Integer> {
        @Option(names = "--message", required = true)
        String message;

        @Override
        public Integer call() {
            LoggerFactory.getLogger("dev.reproject.test").info("{}", message);
            return 0;
        }
    }

    /** The SDK's message for an empty default credential chain, shortened. */
    static final String RAW_CHAIN = "Unable to load credentials from any of the providers in the chain "
            + "AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), "
            + "EnvironmentVariableCredentialsProvider(), …])";

    /** Throws the exception named by {@code --with}. */
    @Command(name = "test-fail", hidden = true)
    static final class Fail implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--with", required = true)
        String kind;

        @Override
        public Integer call() {
            throw switch (kind) {
                case "not-found" -> new NotFoundException("no order 'o-42'");
                case "busy" -> new BusyException("busy: table/t is held by rebuild t@x");
                case "refused" -> new RefusedException("refusing to retire t@x: table t serves view v");
                case "illegal-argument" -> new IllegalArgumentException("--orders must be positive, was -1");
                case "parameter" -> new ParameterException(spec.commandLine(), "--snapshot needs --archive");
                case "no-message" -> new IllegalStateException();
                case "raw-sdk-credentials" -> new IllegalStateException("cannot list s3a://b/p: " + RAW_CHAIN,
                        SdkClientException.create(RAW_CHAIN));
                default -> new IllegalStateException("the archive vanished");
            };
        }
    }
}
