package dev.reproject.cli;

import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/reproject} runs Spark in its own JVM, so it must pass the JVM the options {@code spark-submit} passes
 * on Java 17 (Spark's {@link JavaModuleOptions}): without them a job that spills or serialises with Kryo fails on
 * an inaccessible JDK class. The incubator vector module is the one left out (it prints a warning on every run).
 */
class LauncherScriptTest {

    @Test
    void the_launcher_passes_every_option_spark_submit_passes_on_java_17() throws IOException {
        String script = Files.readString(JobDocuments.inCheckout("bin/reproject"));
        List<String> required = Arrays.stream(JavaModuleOptions.defaultModuleOptionArray())
                .filter(option -> option.startsWith("--add-opens=") || option.startsWith("-D")).toList();

        assertThat(required).as("Spark's own list").hasSizeGreaterThan(10);
        assertThat(script).contains(required);
        assertThat(script).contains("exec \"$java\" \"${spark_opts[@]}\"");
    }
}
