package dev.reproject.cli;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reproject.cli.Iam.Policy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Airflow DAG {@code docs/schedule/reproject_dag.py}: Python's own parser accepts it (python3 in a child
 * process; Airflow itself is not needed), its job tasks run the jobs of the {@code docs/emr-serverless} requests
 * with Airflow's run id as {@code --run-id} (its arguments are list literals, parsed here as JSON, then by each
 * job's command), its checks read the summary where the jobs keep it, and the policy it needs is exact.
 */
class AirflowDagDocumentTest {

    private static final String DAG = "reproject_dag.py";
    /** A run id as Airflow makes one for a scheduled run: '+' and ':' are not file-name characters for the jobs. */
    private static final String AIRFLOW_RUN_ID = "scheduled__2026-12-07T03:00:00+00:00";
    private static final ObjectMapper LITERALS = JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();
    /** Runs the DAG's functions that need no Airflow, read from its syntax tree: the rest is never imported. */
    private static final String CALL_DAG_FUNCTION = """
            import ast, json, re, sys
            tree = ast.parse(open(sys.argv[1]).read())
            names = ('option', 'clean_run_id', 'run_summary_location')
            body = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in names]
            scope = {'re': re}
            exec(compile(ast.Module(body=body, type_ignores=[]), sys.argv[1], 'exec'), scope)
            print(json.dumps(scope[sys.argv[2]](*json.loads(sys.argv[3]))))
            """;

    @Test
    void pythonParsesTheDag() {
        python("-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())", dag().toString());
    }

    @Test
    void theJobTasksRunTheRequestsJobsWithAirflowsRunIdAsRunId() throws Exception {
        String source = Files.readString(dag());
        for (String job : List.of("snapshot", "rebuild")) {
            ServerlessJob task = job(job);
            assertThat(task.jobName()).as(DAG + " " + job).isEqualTo(job);
            task.assertSameJobAs(EmrServerlessDocumentsTest
                    .job(EmrServerlessDocumentsTest.dir().resolve(job + "-job-run.json")));
            assertThat(task.runId()).as(DAG + " " + job + ": --run-id").isEqualTo(AIRFLOW_RUN_ID + "-" + job);
            String name = job.toUpperCase(Locale.ROOT);
            assertThat(source).as(DAG + ": the " + job + " task runs " + name + "_* and its check reads its summary")
                    .contains("task_id=\"" + job + "\"", "execution_role_arn=" + name + "_ROLE_ARN",
                            "job_driver=job_driver(" + name + "_JAR, " + name + "_SPARK_SUBMIT, " + name + "_ARGS)",
                            "op_kwargs={\"job_task_id\": \"" + job + "\", \"args\": " + name + "_ARGS}");
        }
        assertThat(constant("LOG_URI")).as(DAG + ": logs where the job roles may write them")
                .isEqualTo(EmrServerlessDocumentsTest.logUri(JobDocuments
                        .read(EmrServerlessDocumentsTest.dir().resolve("snapshot-job-run.json"))));
    }

    @Test
    void theChecksReadEachSummaryWhereItsJobKeepsIt() throws Exception {
        for (String job : List.of("snapshot", "rebuild")) {
            ServerlessJob task = job(job);
            JsonNode location = JobDocuments.JSON.readTree(python("-c", CALL_DAG_FUNCTION, dag().toString(),
                    "run_summary_location", JobDocuments.JSON.writeValueAsString(List.of(task.job().args()))));
            assertThat("arn:aws:s3:::" + location.get(0).asText() + "/" + location.get(1).asText())
                    .as(DAG + ": run_summary_location of the " + job + "'s arguments")
                    .isEqualTo(JobDocuments.summaryObject(task.job(), task.runId()));
        }
    }

    @Test
    void theDagCleansRunIdsAsTheJobsDo() throws Exception {
        assertThat(cleanInDag(AIRFLOW_RUN_ID)).as("hand-checked").isEqualTo("scheduled__2026-12-07T03-00-00-00-00");
        for (String id : List.of(AIRFLOW_RUN_ID, "manual__2026-12-07T10:11:12.123456+00:00", " spaced out ",
                "dataset_triggered__x/y z", "a.b_c-d")) {
            assertThat(cleanInDag(id)).as("clean_run_id(" + id + ") and RunIds.clean").isEqualTo(
                    JobDocuments.cleanRunId(id));
        }
    }

    @Test
    void theAirflowPolicyGrantsExactlyWhatTheDagCalls() throws Exception {
        Path file = StepFunctionsDocumentsTest.dir().resolve("airflow-policy.json");
        Iam.assertWellFormedPolicy(file);
        List<ServerlessJob> jobs = List.of(job("snapshot"), job("rebuild"));
        String application = "arn:aws:emr-serverless:" + jobs.get(0).job().option("--region")
                + ":ACCOUNT_ID:/applications/" + constant("APPLICATION_ID");
        // EmrServerlessStartJobOperator: GetApplication, StartApplication (when stopped), StartJobRun, GetJobRun
        // (its waiter), CancelJobRun (on_kill); check_run: S3Hook.read_key
        ServerlessJob.assertOrchestratorPolicy(file.getFileName().toString(), Policy.read(file), Set.of(
                "emr-serverless:GetApplication", "emr-serverless:StartApplication", "emr-serverless:StartJobRun",
                "emr-serverless:GetJobRun", "emr-serverless:CancelJobRun", "iam:PassRole", "s3:GetObject"),
                application, jobs, jobs.stream().map(j -> JobDocuments.summaryObject(j.job(), j.runId())).toList());
    }

    /** The DAG's task for {@code job}, from its constants, its arguments rendered for {@link #AIRFLOW_RUN_ID}. */
    private static ServerlessJob job(String job) throws IOException {
        String name = job.toUpperCase(Locale.ROOT);
        List<String> args = new ArrayList<>();
        for (JsonNode arg : LITERALS.readTree(assignment(name + "_ARGS", "\\[.*?^\\]"))) {
            assertThat(arg.isTextual()).as(DAG + " " + name + "_ARGS: strings").isTrue();
            String rendered = arg.asText().replace("{{ run_id }}", AIRFLOW_RUN_ID);
            assertThat(rendered).as(DAG + " " + name + "_ARGS: {{ run_id }} is the only template")
                    .doesNotContain("{{", "{%");
            args.add(rendered);
        }
        return ServerlessJob.of(DAG + " " + job, constant(name + "_ROLE_ARN"), constant(name + "_JAR"),
                constant(name + "_SPARK_SUBMIT"), args);
    }

    /** A module-level {@code NAME = "…"} of the DAG. */
    private static String constant(String name) throws IOException {
        return LITERALS.readTree(assignment(name, "\"(?:[^\"\\\\\\n]|\\\\.)*\"$")).asText();
    }

    /** The literal assigned to {@code name} at the start of a line, matching {@code literal}. */
    private static String assignment(String name, String literal) throws IOException {
        Matcher m = Pattern.compile("^" + name + " = (" + literal + ")", Pattern.MULTILINE | Pattern.DOTALL)
                .matcher(Files.readString(dag()));
        return m.find() ? m.group(1) : fail(DAG + ": no module-level " + name + " = <literal>");
    }

    private static String cleanInDag(String id) throws IOException {
        return JobDocuments.JSON.readTree(python("-c", CALL_DAG_FUNCTION, dag().toString(), "clean_run_id",
                JobDocuments.JSON.writeValueAsString(List.of(id)))).asText();
    }

    /** python3 with {@code args}: its standard output; fails with its error output unless it exits 0. */
    private static String python(String... args) {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            return fail("python3 is needed to check " + DAG + " with Python's own parser, and could not be "
                    + "started (" + e.getMessage() + "): install python3 (3.8 or later) on the PATH");
        }
        try {
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("python3 ends").isTrue();
            assertThat(process.exitValue()).as("python3 on " + DAG + ":\n" + new String(err, StandardCharsets.UTF_8))
                    .isZero();
            return new String(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return fail("python3's output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted waiting for python3", e);
        } finally {
            process.destroy();
        }
    }

    private static Path dag() {
        return StepFunctionsDocumentsTest.dir().resolve(DAG);
    }
}
