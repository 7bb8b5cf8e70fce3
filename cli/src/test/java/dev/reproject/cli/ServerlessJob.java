package dev.reproject.cli;

import dev.reproject.cli.Iam.Policy;
import dev.reproject.cli.Iam.S3Path;
import dev.reproject.cli.JobDocuments.JobArgs;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * One EMR Serverless job run as a document describes it (a {@code start-job-run} request, an Airflow task, a
 * Step Functions state): the job runtime role, the entry point jar, the spark-submit parameters and the job's
 * arguments, checked as EMR Serverless would pass them to {@code spark-submit}.
 */
record ServerlessJob(String at, String roleArn, String entryPoint, String submitParameters, List<String> jars,
                     JobArgs job) {

    /** The spark-submit options that a job's {@code sparkSubmitParameters} may hold, each with a value. */
    private static final Set<String> JOB_RUN_ACTIONS = Set.of("emr-serverless:GetJobRun",
            "emr-serverless:CancelJobRun");
    private static final Set<String> SUBMIT_OPTIONS = Set.of("--class", "--conf", "--jars", "--files");

    /**
     * The job, after checking that {@code --class} names a main class whose shaded jar is {@code entryPoint},
     * that its command takes {@code args}, that they run on AWS and name their run ({@code --run-id}).
     */
    static ServerlessJob of(String at, String roleArn, String entryPoint, String submitParameters,
                            List<String> args)
            throws IOException {
        assertThat(roleArn).as(at + ": the job runtime role").matches("arn:aws:iam::ACCOUNT_ID:role/[\\w+=,.@-]+");
        assertThat(entryPoint).as(at + ": the entry point, a job jar on S3").matches("s3://[^/]+/.+-emr\\.jar");
        String mainClass = null;
        List<String> jars = new ArrayList<>();
        List<String> tokens = Arrays.asList(submitParameters.strip().split("\\s+"));
        assertThat(tokens.size() % 2).as(at + ": sparkSubmitParameters are options with values: " + tokens)
                .isZero();
        for (int i = 0; i < tokens.size(); i += 2) {
            String option = tokens.get(i);
            String value = tokens.get(i + 1);
            assertThat(option).as(at + ": a spark-submit option EMR Serverless takes here (it sets the master and "
                    + "deploy mode itself)").isIn(SUBMIT_OPTIONS);
            switch (option) {
                case "--class" -> mainClass = value;
                case "--conf" -> assertThat(value).as(at + ": --conf key=value").matches("[A-Za-z0-9._-]+=\\S+");
                case "--jars" -> jars.addAll(List.of(value.split(",")));
                default -> assertThat(value).as(at + ": " + option).isNotBlank();
            }
        }
        assertThat(mainClass).as(at + ": sparkSubmitParameters --class").isNotNull();
        Class<?> main = mainClass(at, mainClass);
        JobDocuments.assertShadedJarOf(main, entryPoint.substring(entryPoint.lastIndexOf('/') + 1));
        JobArgs job = JobArgs.parse(at, mainClass, args);
        job.assertRunsOnAws(at);
        assertThat(args).as(at + ": --run-id, so that the orchestrator knows which summary is its own")
                .contains("--run-id");
        return new ServerlessJob(at, roleArn, entryPoint, submitParameters, List.copyOf(jars), job);
    }

    private static Class<?> mainClass(String at, String name) {
        try {
            Class<?> main = Class.forName(name);
            Method method = main.getMethod("main", String[].class);
            assertThat(Modifier.isStatic(method.getModifiers())).as(at + ": " + name + ".main is static").isTrue();
            return main;
        } catch (ReflectiveOperationException e) {
            return fail(at + ": --class " + name, e);
        }
    }

    /** {@code snapshot} or {@code rebuild}. */
    String jobName() {
        return JobDocuments.jobOf(mainClass(at, job.mainClass()));
    }

    /**
     * Runs the same job as {@code request} (a {@code docs/emr-serverless} request): same role, jar, spark-submit
     * parameters and arguments, but for the value of {@code --run-id}, which each orchestrator makes its own.
     */
    void assertSameJobAs(ServerlessJob request) {
        assertThat(roleArn).as(at + ": the role of " + request.at()).isEqualTo(request.roleArn());
        assertThat(entryPoint).as(at + ": the entry point of " + request.at()).isEqualTo(request.entryPoint());
        assertThat(submitParameters).as(at + ": the sparkSubmitParameters of " + request.at())
                .isEqualTo(request.submitParameters());
        assertThat(argsButRunId()).as(at + ": the arguments of " + request.at()).isEqualTo(request.argsButRunId());
    }

    private List<String> argsButRunId() {
        List<String> args = new ArrayList<>(job.args());
        args.set(args.indexOf("--run-id") + 1, "<run id>");
        return args;
    }

    /** The run's id as given after {@code --run-id}. */
    String runId() {
        return job.option("--run-id");
    }

    /**
     * The role's policies grant exactly what this job's code needs (as the EMR on EC2 policies are checked), and
     * writing the logs under {@code logUri}.
     */
    void assertRoleGrantsWhatTheJobNeeds(Policy policy, String logUri) {
        String logs = S3Path.of(logUri).object("") + "*";
        switch (jobName()) {
            case "snapshot" -> JobDocuments.assertSnapshotPolicy(policy, entryPoint, job);
            case "rebuild" -> JobDocuments.assertRebuildPolicy(policy, entryPoint, job, logs);
            default -> fail(at + ": a job whose policy this test knows: " + jobName());
        }
        String log = driverLog(logUri);
        assertThat(policy.allows("s3:PutObject", log)).as(at + ": EMR Serverless writes " + log + " as the job's "
                + "role").isTrue();
    }

    /**
     * The policy of an orchestrator that runs {@code jobs} on EMR Serverless application {@code applicationArn}
     * and reads their run {@code summaries}: exactly {@code actions}, the EMR Serverless ones on that application
     * (job run calls on its job runs) and no other, {@code iam:PassRole} of exactly the jobs' roles and only to EMR
     * Serverless, {@code s3:GetObject} of the summaries and nothing else in S3.
     */
    static void assertOrchestratorPolicy(String at, Policy policy, Set<String> actions, String applicationArn,
                                         List<ServerlessJob> jobs, List<String> summaries) {
        assertThat(policy.actions()).as(at + ": the actions").containsExactlyInAnyOrderElementsOf(actions);
        String otherApplication = applicationArn.replaceFirst("[^/]+$", "00fotherapplication");
        for (String action : actions.stream().filter(a -> a.startsWith("emr-serverless:")).toList()) {
            String jobRuns = JOB_RUN_ACTIONS.contains(action) ? "/jobruns/00fabcdefghijk" : "";
            assertThat(policy.allows(action, applicationArn + jobRuns)).as(at + ": " + action + " on "
                    + applicationArn + jobRuns).isTrue();
            assertThat(policy.allows(action, otherApplication + jobRuns)).as(at + ": " + action + " on another "
                    + "application").isFalse();
        }
        assertThat(policy.resourcesOf("iam:")).as(at + ": iam:PassRole of the jobs' roles only")
                .containsExactlyInAnyOrderElementsOf(jobs.stream().map(ServerlessJob::roleArn).distinct().toList());
        assertThat(policy.statements()).as(at + ": the job roles are passed to EMR Serverless only")
                .filteredOn(s -> s.actions().contains("iam:PassRole"))
                .allSatisfy(s -> assertThat(s.condition().path("StringEquals").path("iam:PassedToService").asText())
                        .isEqualTo("emr-serverless.amazonaws.com"));
        for (String summary : summaries) {
            assertThat(policy.allows("s3:GetObject", summary)).as(at + ": read " + summary).isTrue();
        }
        assertThat(policy.resourcesOf("s3:")).as(at + ": in S3, the run summaries only")
                .allSatisfy(r -> assertThat(r).endsWith("/runs/*"));
    }

    /** A log EMR Serverless writes for a run as the job runtime role, under {@code logUri}. */
    private static String driverLog(String logUri) {
        return S3Path.of(logUri).object("applications/APPLICATION_ID/jobs/00fabcdefghijk/SPARK_DRIVER/stdout.gz");
    }
}
