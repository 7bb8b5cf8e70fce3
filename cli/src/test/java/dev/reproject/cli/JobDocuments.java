package dev.reproject.cli;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reproject.cli.Iam.Policy;
import dev.reproject.cli.Iam.S3Path;
import dev.reproject.core.view.Views;
import dev.reproject.rebuild.cli.RebuildCommand;
import dev.reproject.rebuild.cli.RebuildMain;
import dev.reproject.snapshot.cli.SnapshotCommand;
import dev.reproject.snapshot.cli.SnapshotMain;
import dev.reproject.verify.cli.VerifyCommand;
import dev.reproject.verify.cli.VerifyMain;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

/**
 * What the tests of the documents that run the Spark jobs share ({@code docs/emr}, {@code docs/emr-serverless},
 * {@code docs/schedule}): strict JSON, job arguments parsed by the main class's own command, the shaded jar of
 * a main class, where a run's summary is kept, and that a job's IAM policy ({@link Iam}) grants exactly the AWS
 * calls its code makes (a hand-checked list, read from the code).
 */
final class JobDocuments {

    static final ObjectMapper JSON = JsonMapper.builder()
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
    static final Set<String> S3_READ_ONLY = Set.of("s3:GetObject", "s3:ListBucket");
    /** A run id as {@code RunIds} makes one when {@code --run-id} is not given. */
    static final String RUN_ID = "20261207T030000.000Z-a1b2c3";

    /** Each main class's command; a document naming another main class fails until it is added here. */
    private static final Map<String, Supplier<Object>> COMMANDS = Map.of(
            SnapshotMain.class.getName(), SnapshotCommand::new,
            RebuildMain.class.getName(), RebuildCommand::new,
            VerifyMain.class.getName(), VerifyCommand::new);
    /** verify is the rebuild's read and fold: its main class is in the rebuild jar (the parent pom's shading). */
    private static final Map<String, String> JAR_OF_JOB = Map.of("verify", "rebuild");
    /** VerifyJob on the catalog: get, the alias (GetItem), entriesForTable (Scan), recordVerify (UpdateItem). */
    private static final Set<String> VERIFY_CATALOG_CALLS = Set.of("dynamodb:GetItem", "dynamodb:Scan",
            "dynamodb:UpdateItem");

    private JobDocuments() {
    }

    /** {@code relative} (e.g. {@code docs/emr}) in the checkout: found upwards from the working directory. */
    static Path inCheckout(String relative) {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.exists(at.resolve(relative))) {
                return at.resolve(relative);
            }
        }
        return fail("no " + relative + " in " + Path.of("").toAbsolutePath() + " or above");
    }

    static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** The files of {@code dir}, sorted by name. */
    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /**
     * {@code jarName} is the shaded jar the job-jars module builds for the job of {@code main}: classifier
     * {@code <job>-emr}, where {@code <job>} is the package after {@code dev.reproject} ({@code snapshot},
     * {@code rebuild}; {@code verify} is in the rebuild jar): a shade execution in the parent {@code pom.xml} with classifier {@code <job>-${job.jars.label}},
     * and {@code job.jars.label} {@code emr} in {@code job-jars/pom.xml}.
     */
    static void assertShadedJarOf(Class<?> main, String jarName) throws IOException {
        String job = JAR_OF_JOB.getOrDefault(jobOf(main), jobOf(main));
        Path root = inCheckout("job-jars").getParent();
        assertThat(Files.readString(root.resolve("pom.xml")))
                .as("pom.xml shades a jar with classifier " + job + "-LABEL")
                .contains("<shadedClassifierName>" + job + "-${job.jars.label}</shadedClassifierName>");
        assertThat(Files.readString(root.resolve("job-jars/pom.xml"))).as("job-jars/pom.xml's LABEL")
                .contains("<job.jars.label>emr</job.jars.label>");
        assertThat(jarName).as("the shaded jar holding " + main.getName())
                .matches("reproject-job-jars-[0-9][^-]*(-SNAPSHOT)?-" + Pattern.quote(job + "-emr") + "\\.jar");
    }

    /** {@code snapshot} or {@code rebuild}: the package after {@code dev.reproject}. */
    static String jobOf(Class<?> main) {
        return main.getPackageName().split("\\.")[2];
    }

    /** The snapshot job's policy: the jar and the archive read-only, snapshots and summaries, and its lease. */
    static void assertSnapshotPolicy(Policy policy, String jar, JobArgs job) {
        assertJarAndArchiveReadOnly(policy, jar, job);
        S3Path snapshots = S3Path.of(job.option("--snapshots"));
        String part = snapshots.object(job.option("--view") + "/20261130T115714.123Z/data/part-00000.parquet");
        // Spark's commit renames (copy + delete) out of _temporary/, multipart uploads are aborted on failure
        for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload")) {
            assertThat(policy.allows(action, part)).as(action + " on " + part).isTrue();
        }
        assertThat(policy.allows("s3:ListBucket", snapshots.bucket())).as("list " + snapshots.bucket()).isTrue();
        assertThat(policy.allows("s3:ListBucketMultipartUploads", snapshots.bucket())).isTrue();
        String summary = summaryObject(job, RUN_ID);
        assertThat(policy.allows("s3:PutObject", summary)).as("keep the run summary " + summary + " (JobRun)").isTrue();
        String catalog = "arn:aws:dynamodb:" + job.option("--region") + ":ACCOUNT_ID:table/"
                + job.option("--catalog-table");
        assertThat(policy.actionsOn(catalog, "dynamodb:")).as("the snapshot job's lease in the catalog " + catalog)
                .containsExactlyInAnyOrderElementsOf(LEASE_CALLS);
        assertThat(policy.resourcesOf("dynamodb:")).as("DynamoDB resources: the catalog only")
                .allSatisfy(r -> assertThat(r).isEqualTo(catalog));
    }

    /**
     * The rebuild's policy: exactly the DynamoDB calls it makes, snapshots read-only, S3 writes only in its own
     * areas and under {@code otherWrites} (ARN patterns: where the platform writes as the job's role, e.g. logs).
     */
    static void assertRebuildPolicy(Policy policy, String jar, JobArgs job, String... otherWrites) {
        String table = job.option("--table") != null ? job.option("--table")
                : Views.byName(job.option("--view")).table().defaultName();
        String region = job.option("--region");
        String viewTable = "arn:aws:dynamodb:" + region + ":ACCOUNT_ID:table/" + table;
        String catalog = "arn:aws:dynamodb:" + region + ":ACCOUNT_ID:table/" + job.option("--catalog-table");

        Set<String> onView = policy.actionsOn(viewTable, "dynamodb:");
        assertThat(onView).as("on the view table " + viewTable).containsExactlyInAnyOrderElementsOf(VIEW_TABLE_CALLS);
        assertThat(onView).as("item reads on the view table: only the Scan (limit 1) that checks it is empty")
                .filteredOn(ITEM_READS::contains).containsExactly("dynamodb:Scan");
        assertThat(policy.actionsOn(viewTable + "/index/any", "dynamodb:")).as("no call goes to an index").isEmpty();
        assertThat(policy.actionsOn(catalog, "dynamodb:")).as("on the catalog " + catalog)
                .containsExactlyInAnyOrderElementsOf(CATALOG_CALLS);
        assertThat(policy.resourcesOf("dynamodb:")).as("DynamoDB resources: the view table and the catalog only")
                .allSatisfy(r -> assertThat(r).isIn(viewTable, catalog));

        assertJarAndArchiveReadOnly(policy, jar, job);
        S3Path snapshots = S3Path.of(job.option("--snapshots"));
        String data = snapshots.object(job.option("--view") + "/20261130T115714.123Z/data/part-00000.parquet");
        String manifest = snapshots.object(job.option("--view") + "/20261130T115714.123Z/manifest.json");
        assertThat(policy.allows("s3:GetObject", data)).as("read " + data).isTrue();
        assertThat(policy.allows("s3:ListBucket", snapshots.bucket())).as("list " + snapshots.bucket()).isTrue();
        assertThat(policy.allows("s3:PutObject", manifest)).as("a rebuild never writes a snapshot").isFalse();
        assertThat(policy.allows("s3:DeleteObject", data)).as("a rebuild never deletes a snapshot").isFalse();
        String summary = summaryObject(job, RUN_ID);
        assertThat(policy.allows("s3:PutObject", summary)).as("keep the run summary " + summary + " (JobRun)").isTrue();
        List<String> others = List.of(otherWrites);
        assertThat(policy.statements()).as("S3 writes only in the rebuilds' own area, <snapshots>/<view>/rebuilds/, "
                + "the run summaries, <snapshots>/<view>/runs/, and " + others)
                .filteredOn(s -> s.actions().stream().anyMatch(a -> a.startsWith("s3:") && !S3_READ_ONLY.contains(a)
                        && !Iam.S3_BUCKET_ACTIONS.contains(a)))
                .allSatisfy(s -> assertThat(s.resources()).allMatch(r -> r.contains("/rebuilds/")
                        || r.contains("/runs/") || others.contains(r)));
    }

    /**
     * The verify job's policy: on the view table only {@code DescribeTable} and the parallel {@code Scan}, on the
     * catalog its reads and the {@code UpdateItem} that records the result; snapshots read-only, S3 writes only in
     * the verify reports' area and the run summaries.
     */
    static void assertVerifyPolicy(Policy policy, String jar, JobArgs job) {
        String region = job.option("--region");
        String viewTable = "arn:aws:dynamodb:" + region + ":ACCOUNT_ID:table/" + job.option("--table");
        String catalog = "arn:aws:dynamodb:" + region + ":ACCOUNT_ID:table/" + job.option("--catalog-table");
        assertThat(policy.actionsOn(viewTable, "dynamodb:")).as("on the view table " + viewTable)
                .containsExactlyInAnyOrder("dynamodb:DescribeTable", "dynamodb:Scan");
        assertThat(policy.actionsOn(catalog, "dynamodb:")).as("on the catalog " + catalog)
                .containsExactlyInAnyOrderElementsOf(VERIFY_CATALOG_CALLS);
        assertThat(policy.resourcesOf("dynamodb:")).as("DynamoDB resources: the view table and the catalog only")
                .allSatisfy(r -> assertThat(r).isIn(viewTable, catalog));

        assertJarAndArchiveReadOnly(policy, jar, job);
        S3Path snapshots = S3Path.of(job.option("--snapshots"));
        String data = snapshots.object(job.option("--view") + "/20261130T115714.123Z/data/part-00000.parquet");
        assertThat(policy.allows("s3:GetObject", data)).as("read " + data).isTrue();
        assertThat(policy.allows("s3:ListBucket", snapshots.bucket())).as("list " + snapshots.bucket()).isTrue();
        String report = snapshots.object(job.option("--view") + "/verify/" + cleanRunId(RUN_ID) + ".json");
        assertThat(policy.allows("s3:PutObject", report)).as("write the report " + report).isTrue();
        assertThat(policy.allows("s3:PutObject", summaryObject(job, RUN_ID))).as("keep the run summary").isTrue();
        assertThat(policy.statements()).as("S3 writes only in <snapshots>/<view>/verify/ and the run summaries")
                .filteredOn(s -> s.actions().stream().anyMatch(a -> a.startsWith("s3:") && !S3_READ_ONLY.contains(a)
                        && !Iam.S3_BUCKET_ACTIONS.contains(a)))
                .allSatisfy(s -> assertThat(s.resources()).allMatch(r -> r.contains("/verify/")
                        || r.contains("/runs/")));
    }

    private static void assertJarAndArchiveReadOnly(Policy policy, String jar, JobArgs job) {
        assertThat(policy.allows("s3:GetObject", S3Path.of(jar).object(""))).as("read the job jar " + jar).isTrue();
        S3Path archive = S3Path.of(job.option("--archive"));
        String file = archive.object("topics/t/partition=0/t+0+0000000000.json");
        assertThat(policy.allows("s3:GetObject", file)).as("read " + file).isTrue();
        assertThat(policy.allows("s3:ListBucket", archive.bucket())).as("list " + archive.bucket()).isTrue();
        assertThat(policy.statements()).as("the archive is read-only")
                .filteredOn(s -> s.resources().stream().anyMatch(r -> Policy.matches(r, file)))
                .allSatisfy(s -> assertThat(s.actions()).isSubsetOf(S3_READ_ONLY));
    }

    /**
     * Where the job of {@code job} keeps the summary of run {@code runId} ({@code SnapshotStore.writeRunSummary}):
     * {@code <snapshots>/<view>/runs/<id>.json}, the id as the code cleans it ({@code RunIds.clean}).
     */
    static String summaryObject(JobArgs job, String runId) {
        return S3Path.of(job.option("--snapshots")).object(job.option("--view") + "/runs/" + cleanRunId(runId)
                + ".json");
    }

    /** {@code RunIds.clean} of the spark module (package-private there): the file name a given run id gets. */
    static String cleanRunId(String runId) {
        try {
            Method clean = Class.forName("dev.reproject.spark.job.RunIds").getDeclaredMethod("clean", String.class);
            clean.setAccessible(true);
            return (String) clean.invoke(null, runId);
        } catch (ReflectiveOperationException e) {
            return fail("RunIds.clean(" + runId + ")", e);
        }
    }

    /**
     * The arguments after the job jar, parsed by the main class's own command, so that an option it does not
     * declare, a bad value or a missing required one fails.
     */
    record JobArgs(String mainClass, List<String> args, CommandSpec command) {

        static JobArgs parse(String at, String mainClass, List<String> args) {
            assertThat(COMMANDS).as(at + ": a main class whose command this test knows").containsKey(mainClass);
            CommandLine command = new CommandLine(COMMANDS.get(mainClass).get());
            assertThatCode(() -> command.parseArgs(args.toArray(String[]::new)))
                    .as(at + ": " + mainClass + " takes " + args).doesNotThrowAnyException();
            return new JobArgs(mainClass, List.copyOf(args), command.getCommandSpec());
        }

        /** The option's value after parsing: as given, or its default; null when neither. */
        String option(String name) {
            Object value = command.findOption(name).getValue();
            return value == null ? null : value.toString();
        }

        /**
         * On AWS: spark-submit (or EMR Serverless) sets the master, the endpoints are the region's, and
         * {@code --region} is given because s3a signs for it and DynamoDB calls go there (default us-east-1).
         */
        void assertRunsOnAws(String at) {
            assertThat(args).as(at + ": spark-submit sets the master on EMR, and AWS endpoints are the region's "
                    + "defaults").doesNotContain("--master", "--s3-endpoint", "--dynamodb-endpoint");
            assertThat(args).as(at + ": --region explicitly: s3a signs for it and DynamoDB calls go there "
                    + "(default us-east-1)").contains("--region");
        }
    }
}
