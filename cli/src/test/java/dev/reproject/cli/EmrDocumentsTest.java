package dev.reproject.cli;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reproject.core.view.Views;
import dev.reproject.rebuild.cli.RebuildCommand;
import dev.reproject.rebuild.cli.RebuildMain;
import dev.reproject.snapshot.cli.SnapshotCommand;
import dev.reproject.snapshot.cli.SnapshotMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

/**
 * The EMR documents in {@code docs/emr}: valid JSON, IAM policies that grant each job exactly the AWS calls its
 * code makes (a hand-checked list, read from the code), and steps that name a real main class, its shaded jar
 * and only options its command declares. Each step is checked against the policy of the same job.
 */
class EmrDocumentsTest {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** TableSetup (DescribeTable, CreateTable, Scan with limit 1) and BulkWriter (BatchWriteItem). */
    private static final Set<String> VIEW_TABLE_CALLS = Set.of("dynamodb:DescribeTable", "dynamodb:CreateTable",
            "dynamodb:Scan", "dynamodb:BatchWriteItem");
    /**
     * DynamoCatalog as the rebuild uses it: createIfMissing, entriesForTable, begin, markLoaded, get; and its
     * lease (DynamoLeases: acquire, renew, release, current).
     */
    private static final Set<String> CATALOG_CALLS = Set.of("dynamodb:DescribeTable", "dynamodb:CreateTable",
            "dynamodb:Scan", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");
    /** The snapshot job's only DynamoDB calls: the catalog table's creation and its lease (DynamoLeases). */
    private static final Set<String> LEASE_CALLS = Set.of("dynamodb:DescribeTable", "dynamodb:CreateTable",
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");
    private static final Set<String> ITEM_READS = Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem",
            "dynamodb:Query", "dynamodb:Scan", "dynamodb:PartiQLSelect", "dynamodb:GetRecords");
    private static final Set<String> S3_READ_ONLY = Set.of("s3:GetObject", "s3:ListBucket");
    private static final Set<String> S3_BUCKET_ACTIONS = Set.of("s3:ListBucket", "s3:ListBucketMultipartUploads");
    private static final Set<String> STEP_KEYS = Set.of("Type", "Name", "ActionOnFailure", "Jar", "Args",
            "MainClass", "Properties");
    private static final Set<String> SPARK_SUBMIT_FLAGS = Set.of("--verbose", "--supervise");
    /** A run id as {@code RunIds} makes one when {@code --run-id} is not given. */
    private static final String RUN_ID = "20261207T030000.000Z-a1b2c3";
    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9]+");

    /** Each main class's command; a step naming another main class fails until it is added here. */
    private static final Map<String, Supplier<Object>> COMMANDS = Map.of(
            SnapshotMain.class.getName(), SnapshotCommand::new,
            RebuildMain.class.getName(), RebuildCommand::new);

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
        JsonNode policy = read(file);
        assertThat(policy.path("Version").asText()).as(file + ": Version").isEqualTo("2012-10-17");
        assertThat(policy.path("Statement").isArray() && !policy.path("Statement").isEmpty())
                .as(file + ": Statement is a non-empty array").isTrue();
        Set<String> sids = new HashSet<>();
        for (Statement s : Statement.all(policy)) {
            String at = file.getFileName() + " statement " + s.sid();
            assertThat(s.sid()).as(at + ": Sid (IAM allows letters and digits)").matches("[A-Za-z0-9]+");
            assertThat(sids.add(s.sid())).as(at + ": Sid is unique").isTrue();
            assertThat(s.effect()).as(at + ": Effect").isIn("Allow", "Deny");
            assertThat(s.actions()).as(at + ": Action").isNotEmpty()
                    .allSatisfy(a -> assertThat(a).as(at + ": an exact action, no wildcard").matches(ACTION));
            assertThat(s.resources()).as(at + ": Resource").isNotEmpty().doesNotContain("*")
                    .allSatisfy(r -> assertThat(r).startsWith("arn:aws:"));
            // IAM ignores an action on a resource of another type: such a grant would silently do nothing
            for (String action : s.actions().stream().filter(a -> a.startsWith("s3:")).toList()) {
                boolean onBucket = S3_BUCKET_ACTIONS.contains(action);
                String kind = onBucket ? "bucket" : "object";
                assertThat(s.resources()).as(at + ": " + action + " takes " + kind + " ARNs")
                        .allMatch(r -> r.startsWith("arn:aws:s3:::") && r.contains("/") != onBucket);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("steps")
    void stepsRunAnExistingMainClassFromItsShadedJarWithDeclaredOptions(Path file) throws Exception {
        JsonNode steps = read(file);
        assertThat(steps.isArray() && !steps.isEmpty()).as(file + ": a non-empty array of steps").isTrue();
        for (JsonNode node : steps) {
            Step step = Step.of(file, node);
            Class<?> main = Class.forName(step.mainClass());
            Method method = main.getMethod("main", String[].class);
            assertThat(Modifier.isStatic(method.getModifiers())).as(step.mainClass() + ".main is static").isTrue();
            assertShadedJarOf(main, step.jarName());
            assertThat(step.jobArgs()).as(file + ": spark-submit sets the master on EMR, and AWS endpoints are the "
                    + "region's defaults").doesNotContain("--master", "--s3-endpoint", "--dynamodb-endpoint");
            assertThat(step.jobArgs()).as(file + ": --region explicitly: s3a signs for it and DynamoDB calls go "
                    + "there (default us-east-1)").contains("--region");
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
        Policy policy = Policy.read(dir().resolve("snapshot-job-policy.json"));
        Step step = Step.of(dir().resolve("snapshot-step.json"), read(dir().resolve("snapshot-step.json")).get(0));
        assertJarAndArchiveReadOnly(policy, step);
        S3Path snapshots = S3Path.of(step.option("--snapshots"));
        String part = snapshots.object(step.option("--view") + "/20261130T115714.123Z/data/part-00000.parquet");
        // Spark's commit renames (copy + delete) out of _temporary/, multipart uploads are aborted on failure
        for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload")) {
            assertThat(policy.allows(action, part)).as(action + " on " + part).isTrue();
        }
        assertThat(policy.allows("s3:ListBucket", snapshots.bucket())).as("list " + snapshots.bucket()).isTrue();
        assertThat(policy.allows("s3:ListBucketMultipartUploads", snapshots.bucket())).isTrue();
        String summary = snapshots.object(step.option("--view") + "/runs/" + RUN_ID + ".json");
        assertThat(policy.allows("s3:PutObject", summary)).as("keep the run summary " + summary + " (JobRun)").isTrue();
        String catalog = "arn:aws:dynamodb:" + step.option("--region") + ":ACCOUNT_ID:table/"
                + step.option("--catalog-table");
        assertThat(policy.actionsOn(catalog, "dynamodb:")).as("the snapshot job's lease in the catalog " + catalog)
                .containsExactlyInAnyOrderElementsOf(LEASE_CALLS);
        assertThat(policy.resourcesOf("dynamodb:")).as("DynamoDB resources: the catalog only")
                .allSatisfy(r -> assertThat(r).isEqualTo(catalog));
    }

    @Test
    void rebuildPolicyGrantsExactlyTheDynamoDbCallsTheRebuildMakes() throws Exception {
        Policy policy = Policy.read(dir().resolve("rebuild-job-policy.json"));
        Step step = Step.of(dir().resolve("rebuild-step.json"), read(dir().resolve("rebuild-step.json")).get(0));
        String table = step.option("--table") != null ? step.option("--table")
                : Views.byName(step.option("--view")).table().defaultName();
        String region = step.option("--region");
        String viewTable = "arn:aws:dynamodb:" + region + ":ACCOUNT_ID:table/" + table;
        String catalog = "arn:aws:dynamodb:" + region + ":ACCOUNT_ID:table/" + step.option("--catalog-table");

        Set<String> onView = policy.actionsOn(viewTable, "dynamodb:");
        assertThat(onView).as("on the view table " + viewTable).containsExactlyInAnyOrderElementsOf(VIEW_TABLE_CALLS);
        assertThat(onView).as("item reads on the view table: only the Scan (limit 1) that checks it is empty")
                .filteredOn(ITEM_READS::contains).containsExactly("dynamodb:Scan");
        assertThat(policy.actionsOn(viewTable + "/index/any", "dynamodb:")).as("no call goes to an index").isEmpty();
        assertThat(policy.actionsOn(catalog, "dynamodb:")).as("on the catalog " + catalog)
                .containsExactlyInAnyOrderElementsOf(CATALOG_CALLS);
        assertThat(policy.resourcesOf("dynamodb:")).as("DynamoDB resources: the view table and the catalog only")
                .allSatisfy(r -> assertThat(r).isIn(viewTable, catalog));

        assertJarAndArchiveReadOnly(policy, step);
        S3Path snapshots = S3Path.of(step.option("--snapshots"));
        String data = snapshots.object(step.option("--view") + "/20261130T115714.123Z/data/part-00000.parquet");
        String manifest = snapshots.object(step.option("--view") + "/20261130T115714.123Z/manifest.json");
        assertThat(policy.allows("s3:GetObject", data)).as("read " + data).isTrue();
        assertThat(policy.allows("s3:ListBucket", snapshots.bucket())).as("list " + snapshots.bucket()).isTrue();
        assertThat(policy.allows("s3:PutObject", manifest)).as("a rebuild never writes a snapshot").isFalse();
        assertThat(policy.allows("s3:DeleteObject", data)).as("a rebuild never deletes a snapshot").isFalse();
        String summary = snapshots.object(step.option("--view") + "/runs/" + RUN_ID + ".json");
        assertThat(policy.allows("s3:PutObject", summary)).as("keep the run summary " + summary + " (JobRun)").isTrue();
        assertThat(policy.statements()).as("S3 writes only in the rebuilds' own area, <snapshots>/<view>/rebuilds/, "
                + "and the run summaries, <snapshots>/<view>/runs/")
                .filteredOn(s -> s.actions().stream().anyMatch(a -> a.startsWith("s3:") && !S3_READ_ONLY.contains(a)
                        && !S3_BUCKET_ACTIONS.contains(a)))
                .allSatisfy(s -> assertThat(s.resources()).allMatch(r -> r.contains("/rebuilds/")
                        || r.contains("/runs/")));
    }

    private static void assertJarAndArchiveReadOnly(Policy policy, Step step) {
        S3Path jar = S3Path.of(step.jar());
        assertThat(policy.allows("s3:GetObject", jar.object(""))).as("read the job jar " + step.jar()).isTrue();
        S3Path archive = S3Path.of(step.option("--archive"));
        String file = archive.object("topics/t/partition=0/t+0+0000000000.json");
        assertThat(policy.allows("s3:GetObject", file)).as("read " + file).isTrue();
        assertThat(policy.allows("s3:ListBucket", archive.bucket())).as("list " + archive.bucket()).isTrue();
        assertThat(policy.statements()).as("the archive is read-only")
                .filteredOn(s -> s.resources().stream().anyMatch(r -> Policy.matches(r, file)))
                .allSatisfy(s -> assertThat(s.actions()).isSubsetOf(S3_READ_ONLY));
    }

    /**
     * {@code jarName} is the shaded jar the job-jars module builds for the job of {@code main}: classifier
     * {@code <job>-emr}, where {@code <job>} is the package after {@code dev.reproject} ({@code snapshot},
     * {@code rebuild}), declared as a shade execution in {@code job-jars/pom.xml}.
     */
    private static void assertShadedJarOf(Class<?> main, String jarName) throws Exception {
        String classifier = main.getPackageName().split("\\.")[2] + "-emr";
        String pom = Files.readString(dir().getParent().getParent().resolve("job-jars/pom.xml"));
        assertThat(pom).as("job-jars/pom.xml shades a jar with classifier " + classifier)
                .contains("<shadedClassifierName>" + classifier + "</shadedClassifierName>");
        assertThat(jarName).as("the shaded jar holding " + main.getName())
                .matches("reproject-job-jars-[0-9][^-]*(-SNAPSHOT)?-" + Pattern.quote(classifier) + "\\.jar");
    }

    static Stream<Path> policies() throws IOException {
        return documents().filter(p -> p.getFileName().toString().endsWith("-policy.json"));
    }

    static Stream<Path> steps() throws IOException {
        return documents().filter(p -> p.getFileName().toString().endsWith("-step.json"));
    }

    private static Stream<Path> documents() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.sorted().toList().stream();
        }
    }

    /** docs/emr of the checkout: found upwards from the working directory (the cli module's, under Maven). */
    private static Path dir() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve("docs/emr"))) {
                return at.resolve("docs/emr");
            }
        }
        return fail("no docs/emr in " + Path.of("").toAbsolutePath() + " or above");
    }

    private static String policyNameOf(String stepName) {
        return stepName.replace("-step.json", "-job-policy.json");
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** One statement; Action and Resource may each be a string or an array of strings. */
    record Statement(String sid, String effect, List<String> actions, List<String> resources) {

        static List<Statement> all(JsonNode policy) {
            List<Statement> statements = new ArrayList<>();
            for (JsonNode s : policy.path("Statement")) {
                assertThat(s.has("NotAction") || s.has("NotResource") || s.has("Principal"))
                        .as("an identity policy naming what it allows: " + s).isFalse();
                statements.add(new Statement(s.path("Sid").asText(""), s.path("Effect").asText(""),
                        strings(s.path("Action")), strings(s.path("Resource"))));
            }
            return statements;
        }

        private static List<String> strings(JsonNode node) {
            if (node.isTextual()) {
                return List.of(node.asText());
            }
            List<String> values = new ArrayList<>();
            node.forEach(v -> values.add(v.isTextual() ? v.asText() : fail("not a string: " + v)));
            return values;
        }
    }

    record Policy(List<Statement> statements) {

        static Policy read(Path file) throws IOException {
            return new Policy(Statement.all(EmrDocumentsTest.read(file)));
        }

        boolean allows(String action, String arn) {
            return grants("Allow", action, arn) && !grants("Deny", action, arn);
        }

        private boolean grants(String effect, String action, String arn) {
            return statements.stream().anyMatch(s -> s.effect().equals(effect) && s.actions().contains(action)
                    && s.resources().stream().anyMatch(r -> matches(r, arn)));
        }

        Set<String> actions() {
            return statements.stream().flatMap(s -> s.actions().stream())
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        Set<String> actionsOn(String arn, String service) {
            return actions().stream().filter(a -> a.startsWith(service) && allows(a, arn))
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        Set<String> resourcesOf(String service) {
            return statements.stream().filter(s -> s.actions().stream().anyMatch(a -> a.startsWith(service)))
                    .flatMap(s -> s.resources().stream()).collect(Collectors.toCollection(TreeSet::new));
        }

        /** IAM's ARN matching: {@code *} any run of characters (slashes too), {@code ?} one character. */
        static boolean matches(String pattern, String arn) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            return arn.matches(regex.toString());
        }
    }

    /** {@code s3://bucket/key} as IAM names it. */
    record S3Path(String bucket, String key) {

        static S3Path of(String uri) {
            URI parsed = URI.create(uri);
            assertThat(parsed.getScheme()).as(uri).isIn("s3", "s3a");
            return new S3Path("arn:aws:s3:::" + parsed.getAuthority(), parsed.getPath().replaceFirst("^/", ""));
        }

        /** The object {@code relative} names under this path, or this path's own object when it is empty. */
        String object(String relative) {
            return bucket + "/" + (relative.isEmpty() ? key : key.replaceFirst("/$", "") + "/" + relative);
        }
    }

    /**
     * One command-runner step: {@code spark-submit [options] <jar> <job args>}, the job args parsed by the
     * main class's own command, so an option it does not declare, a bad value or a missing required one fails.
     */
    record Step(String mainClass, String jar, List<String> jobArgs, CommandSpec command) {

        static Step of(Path file, JsonNode step) {
            String at = file.getFileName() + " step " + step.path("Name").asText("?");
            step.fieldNames().forEachRemaining(k -> assertThat(k).as(at + ": a key add-steps takes").isIn(STEP_KEYS));
            assertThat(step.path("Type").asText()).as(at + ": Type").isEqualTo("CUSTOM_JAR");
            assertThat(step.path("Jar").asText()).as(at + ": Jar").isEqualTo("command-runner.jar");
            assertThat(step.path("Name").asText()).as(at + ": Name").isNotBlank();
            assertThat(step.path("ActionOnFailure").asText()).as(at + ": ActionOnFailure")
                    .isIn("CONTINUE", "CANCEL_AND_WAIT", "TERMINATE_CLUSTER", "TERMINATE_JOB_FLOW");
            List<String> args = Statement.strings(step.path("Args"));
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
            List<String> jobArgs = args.subList(i + 1, args.size());
            assertThat(COMMANDS).as(at + ": a main class whose command this test knows").containsKey(mainClass);
            CommandLine command = new CommandLine(COMMANDS.get(mainClass).get());
            assertThatCode(() -> command.parseArgs(jobArgs.toArray(String[]::new)))
                    .as(at + ": " + mainClass + " takes " + jobArgs).doesNotThrowAnyException();
            return new Step(mainClass, jar, List.copyOf(jobArgs), command.getCommandSpec());
        }

        String jarName() {
            return jar.substring(jar.lastIndexOf('/') + 1);
        }

        /** The option's value after parsing: as given, or its default; null when neither. */
        String option(String name) {
            Object value = command.findOption(name).getValue();
            return value == null ? null : value.toString();
        }
    }
}
