package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reproject.cli.Iam.Policy;
import dev.reproject.cli.JobDocuments.JobArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.reproject.cli.JobDocuments.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The EMR documents in {@code docs/emr}: valid JSON, IAM policies that grant each job exactly the AWS calls its
 * code makes (a hand-checked list, read from the code), and steps that name a real main class, its shaded jar
 * and only options its command declares. Each step is checked against the policy of the same job.
 */
class EmrDocumentsTest {

    private static final Set<String> STEP_KEYS = Set.of("Type", "Name", "ActionOnFailure", "Jar", "Args",
            "MainClass", "Properties");
    private static final Set<String> SPARK_SUBMIT_FLAGS = Set.of("--verbose", "--supervise");

    @Test
    void everyDocumentIsStrictJsonAndEveryStepHasItsJobsPolicy() throws IOException {
        List<String> names = documents().map(p -> p.getFileName().toString()).toList();
        assertThat(names).contains("snapshot-job-policy.json", "rebuild-job-policy.json", "snapshot-step.json",
                "rebuild-step.json");
        for (String name : names) {
            assertThat(name).as("docs/emr holds policies (*-job-policy.json) and steps (*-step.json) only")
                    .matches("[a-z-]+-(job-policy|step)\\.json");
            assertThatCode(() -> read(dir().resolve(name))).as(name).doesNotThrowAnyException();
            if (name.endsWith("-step.json")) {
                assertThat(names).as("the policy of the job that " + name + " runs").contains(policyNameOf(name));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("policies")
    void policiesAreWellFormedAndNamesEveryActionAndResource(Path file) throws IOException {
        Iam.assertWellFormedPolicy(file);
    }

    @ParameterizedTest
    @MethodSource("steps")
    void stepsRunAnExistingMainClassFromItsShadedJarWithDeclaredOptions(Path file) throws Exception {
        JsonNode steps = read(file);
        assertThat(steps.isArray() && !steps.isEmpty()).as(file + ": a non-empty array of steps").isTrue();
        for (JsonNode node : steps) {
            Step step = Step.of(file, node);
            Class<?> main = Class.forName(step.job().mainClass());
            Method method = main.getMethod("main", String[].class);
            assertThat(Modifier.isStatic(method.getModifiers())).as(main.getName() + ".main is static").isTrue();
            JobDocuments.assertShadedJarOf(main, step.jarName());
            step.job().assertRunsOnAws(file.getFileName().toString());
        }
    }

    @Test
    void aFailedSnapshotStepCancelsTheStepsQueuedBehindIt() throws IOException {
        assertThat(read(dir().resolve("snapshot-step.json")).get(0).path("ActionOnFailure").asText())
                .as("with CONTINUE, a rebuild queued behind a failed snapshot would load the previous snapshot")
                .isEqualTo("CANCEL_AND_WAIT");
    }

    @Test
    void snapshotPolicyReadsTheArchiveWritesSnapshotsAndTakesItsLease() throws Exception {
        Step step = Step.of(dir().resolve("snapshot-step.json"), read(dir().resolve("snapshot-step.json")).get(0));
        JobDocuments.assertSnapshotPolicy(Policy.read(dir().resolve("snapshot-job-policy.json")), step.jar(),
                step.job());
    }

    @Test
    void rebuildPolicyGrantsExactlyTheDynamoDbCallsTheRebuildMakes() throws Exception {
        Step step = Step.of(dir().resolve("rebuild-step.json"), read(dir().resolve("rebuild-step.json")).get(0));
        JobDocuments.assertRebuildPolicy(Policy.read(dir().resolve("rebuild-job-policy.json")), step.jar(),
                step.job());
    }

    @Test
    void verifyPolicyScansTheViewTableAndRecordsTheResult() throws Exception {
        Step step = Step.of(dir().resolve("verify-step.json"), read(dir().resolve("verify-step.json")).get(0));
        JobDocuments.assertVerifyPolicy(Policy.read(dir().resolve("verify-job-policy.json")), step.jar(),
                step.job());
    }

    static Stream<Path> policies() throws IOException {
        return documents().filter(p -> p.getFileName().toString().endsWith("-policy.json"));
    }

    static Stream<Path> steps() throws IOException {
        return documents().filter(p -> p.getFileName().toString().endsWith("-step.json"));
    }

    private static Stream<Path> documents() throws IOException {
        return JobDocuments.files(dir()).stream();
    }

    private static Path dir() {
        return JobDocuments.inCheckout("docs/emr");
    }

    private static String policyNameOf(String stepName) {
        return stepName.replace("-step.json", "-job-policy.json");
    }

    /** One command-runner step: {@code spark-submit [options] <jar> <job args>}. */
    record Step(String jar, JobArgs job) {

        static Step of(Path file, JsonNode step) {
            String at = file.getFileName() + " step " + step.path("Name").asText("?");
            step.fieldNames().forEachRemaining(k -> assertThat(k).as(at + ": a key add-steps takes").isIn(STEP_KEYS));
            assertThat(step.path("Type").asText()).as(at + ": Type").isEqualTo("CUSTOM_JAR");
            assertThat(step.path("Jar").asText()).as(at + ": Jar").isEqualTo("command-runner.jar");
            assertThat(step.path("Name").asText()).as(at + ": Name").isNotBlank();
            assertThat(step.path("ActionOnFailure").asText()).as(at + ": ActionOnFailure")
                    .isIn("CONTINUE", "CANCEL_AND_WAIT", "TERMINATE_CLUSTER", "TERMINATE_JOB_FLOW");
            List<String> args = Iam.strings(step.path("Args"));
            assertThat(args).as(at + ": Args").isNotEmpty().startsWith("spark-submit");
            String mainClass = null;
            String deployMode = null;
            int i = 1;
            while (i < args.size() && args.get(i).startsWith("--")) {
                String option = args.get(i);
                if (SPARK_SUBMIT_FLAGS.contains(option)) {
                    i++;
                    continue;
                }
                assertThat(i + 1).as(at + ": a value after " + option).isLessThan(args.size());
                if (option.equals("--class")) {
                    mainClass = args.get(i + 1);
                } else if (option.equals("--deploy-mode")) {
                    deployMode = args.get(i + 1);
                }
                i += 2;
            }
            assertThat(mainClass).as(at + ": spark-submit --class").isNotNull();
            assertThat(deployMode).as(at + ": spark-submit --deploy-mode").isEqualTo("cluster");
            assertThat(i).as(at + ": the job jar after the spark-submit options").isLessThan(args.size());
            String jar = args.get(i);
            assertThat(jar).as(at + ": the job jar").matches("s3a?://[^/]+/.+-emr\\.jar");
            return new Step(jar, JobArgs.parse(at, mainClass, args.subList(i + 1, args.size())));
        }

        String jarName() {
            return jar.substring(jar.lastIndexOf('/') + 1);
        }
    }
}
