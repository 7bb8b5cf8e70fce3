package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reproject.cli.Iam.Policy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.reproject.cli.JobDocuments.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The Step Functions documents in {@code docs/schedule}: the state machine (Amazon States Language, JSONPath)
 * that runs the snapshot and, when its input asks, the rebuild on EMR Serverless and decides on each job's run
 * summary; the EventBridge Scheduler schedule that starts it daily; the policies of their roles.
 */
class StepFunctionsDocumentsTest {

    /** An execution name as StartExecution makes one when none is given. */
    private static final String EXECUTION_NAME = "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    private static final Map<String, String> CONTEXT = Map.of("$$.Execution.Name", EXECUTION_NAME);
    private static final String START_JOB_RUN = "arn:aws:states:::emr-serverless:startJobRun.sync";
    private static final String GET_OBJECT = "arn:aws:states:::aws-sdk:s3:getObject";
    private static final Set<String> WITH_NEXT = Set.of("Task", "Pass", "Wait", "Parallel", "Map");
    private static final Set<String> TERMINAL = Set.of("Succeed", "Fail");
    private static final Set<String> JOB_RUN_PARAMETERS = Set.of("ApplicationId", "ClientToken", "ExecutionRoleArn",
            "ExecutionIamPolicy", "JobDriver", "ConfigurationOverrides", "Tags", "ExecutionTimeoutMinutes", "Name",
            "Mode", "RetryPolicy");
    private static final Set<String> SCHEDULE_KEYS = Set.of("ActionAfterCompletion", "ClientToken", "Description",
            "EndDate", "FlexibleTimeWindow", "GroupName", "KmsKeyArn", "Name", "ScheduleExpression",
            "ScheduleExpressionTimezone", "StartDate", "State", "Target");

    @Test
    void everyJsonDocumentIsStrictJson() throws IOException {
        List<Path> json = JobDocuments.files(dir()).stream()
                .filter(p -> p.getFileName().toString().endsWith(".json")).toList();
        assertThat(json).extracting(p -> p.getFileName().toString()).contains("state-machine.asl.json",
                "schedule.json", "state-machine-role-policy.json", "scheduler-role-policy.json");
        json.forEach(p -> assertThatCode(() -> read(p)).as(p.getFileName().toString()).doesNotThrowAnyException());
    }

    @Test
    void theStateMachineIsAGraphWhoseEveryStateIsReachedAndReachesAnEnd() throws IOException {
        JsonNode asl = asl();
        asl.fieldNames().forEachRemaining(k -> assertThat(k).as("a top-level key of ASL with JSONPath")
                .isIn("Comment", "StartAt", "States", "TimeoutSeconds", "Version"));
        Map<String, List<String>> graph = graph(asl);
        assertThat(graph).as("StartAt names a state").containsKey(asl.path("StartAt").asText());
        graph.forEach((state, next) -> assertThat(graph.keySet()).as(state + " goes to existing states")
                .containsAll(next));
        assertThat(reachable(graph, asl.path("StartAt").asText(), null)).as("every state is reached from StartAt")
                .containsExactlyInAnyOrderElementsOf(graph.keySet());
        for (String state : graph.keySet()) {
            assertThat(reachable(graph, state, null)).as("a terminal state is reachable from " + state)
                    .anyMatch(s -> isTerminal(asl.path("States").path(s)));
        }
    }

    @Test
    void everyDynamicFieldIsAPathOrAnIntrinsicFunctionThatParses() throws IOException {
        List<String> checked = new ArrayList<>();
        dynamicFields(asl(), "", checked);
        assertThat(checked).as("the dynamic fields").isNotEmpty();
    }

    @Test
    void theJobStatesRunTheRequestsJobsWithTheExecutionNameAsRunId() throws Exception {
        Map<String, ServerlessJob> jobs = jobs();
        assertThat(jobs.values()).extracting(ServerlessJob::jobName).containsExactly("snapshot", "rebuild");
        for (Map.Entry<String, ServerlessJob> entry : jobs.entrySet()) {
            ServerlessJob job = entry.getValue();
            Path request = EmrServerlessDocumentsTest.dir().resolve(job.jobName() + "-job-run.json");
            job.assertSameJobAs(EmrServerlessDocumentsTest.job(request));
            assertThat(job.runId()).as(job.at() + ": --run-id").isEqualTo(EXECUTION_NAME + "-" + job.jobName());
            assertThat(asl().path("States").path(entry.getKey()).path("Parameters").path("ConfigurationOverrides")
                    .path("MonitoringConfiguration").path("S3MonitoringConfiguration").path("LogUri").asText())
                    .as(job.at() + ": logs where the job's role may write them")
                    .isEqualTo(EmrServerlessDocumentsTest.logUri(read(request)));
        }
    }

    @Test
    void afterEachJobItsRunSummaryIsReadAndItsExitStatusDecides() throws Exception {
        JsonNode states = asl().path("States");
        for (Map.Entry<String, ServerlessJob> job : jobs().entrySet()) {
            String readName = states.path(job.getKey()).path("Next").asText();
            JsonNode read = states.path(readName);
            assertThat(read.path("Resource").asText()).as(readName + ": reads an S3 object").isEqualTo(GET_OBJECT);
            String key = (String) AslIntrinsics.evaluate(read.path("Parameters").path("Key.$").asText(), CONTEXT);
            String object = "arn:aws:s3:::" + read.path("Parameters").path("Bucket").asText() + "/" + key;
            assertThat(object).as(readName + ": where the job keeps its summary")
                    .isEqualTo(JobDocuments.summaryObject(job.getValue().job(), job.getValue().runId()));
            String resultPath = read.path("ResultPath").asText();
            JsonNode decide = states.path(read.path("Next").asText());
            assertThat(decide.path("Type").asText()).as(readName + " then a Choice").isEqualTo("Choice");
            assertThat(decide.path("Choices").toString()).as(readName + " then exit status 0 goes on")
                    .isEqualTo("[{\"Variable\":\"" + resultPath + ".summary.exitStatus\",\"NumericEquals\":0,"
                            + "\"Next\":\"" + decide.path("Choices").get(0).path("Next").asText() + "\"}]");
            assertThat(states.path(decide.path("Default").asText()).path("Type").asText())
                    .as(readName + ": any other exit status fails the execution").isEqualTo("Fail");
        }
    }

    @Test
    void theRebuildRunsOnlyAfterTheSnapshotAndWhenTheInputAsksForIt() throws Exception {
        JsonNode asl = asl();
        List<String> jobStates = new ArrayList<>(jobs().keySet());
        String snapshot = jobStates.get(0);
        String rebuild = jobStates.get(1);
        assertThat(reachable(graph(asl), asl.path("StartAt").asText(), snapshot)).as("without the snapshot state")
                .doesNotContain(rebuild);
        List<JsonNode> into = new ArrayList<>();
        asl.path("States").forEach(s -> s.path("Choices").forEach(rule -> {
            if (rule.path("Next").asText().equals(rebuild)) {
                into.add(rule);
            }
        }));
        assertThat(into).as("the rules that lead to " + rebuild).extracting(JsonNode::toString)
                .containsExactly("{\"Variable\":\"$.rebuild\",\"BooleanEquals\":true,\"Next\":\"" + rebuild + "\"}");
        asl.path("States").forEach(s -> {
            if (s.path("Type").asText().equals("Task")) {
                assertThat(s.path("ResultPath").asText()).as("a task keeps its input (the Choice reads $.rebuild)")
                        .startsWith("$.").isNotEqualTo("$.rebuild");
            }
        });
    }

    @Test
    void theStateMachinesRoleGrantsExactlyWhatItsStatesCall() throws Exception {
        Path file = dir().resolve("state-machine-role-policy.json");
        Iam.assertWellFormedPolicy(file);
        Policy policy = Policy.read(file);
        List<ServerlessJob> jobs = List.copyOf(jobs().values());
        List<String> summaries = jobs.stream().map(j -> JobDocuments.summaryObject(j.job(), j.runId())).toList();
        JsonNode parameters = asl().path("States").path(jobs().keySet().iterator().next()).path("Parameters");
        String application = "arn:aws:emr-serverless:" + jobs.get(0).job().option("--region")
                + ":ACCOUNT_ID:/applications/" + parameters.path("ApplicationId").asText();
        ServerlessJob.assertOrchestratorPolicy(file.getFileName().toString(), policy, Set.of(
                "emr-serverless:StartJobRun", "emr-serverless:GetJobRun", "emr-serverless:CancelJobRun",
                "iam:PassRole", "events:PutTargets", "events:PutRule", "events:DescribeRule", "s3:GetObject"),
                application, jobs, summaries);
        // the rule Step Functions manages to learn that a job run ended (.sync)
        String rule = "arn:aws:events:REGION:ACCOUNT_ID:rule/StepFunctionsGetEventsForEMRServerlessJobRule";
        assertThat(policy.resourcesOf("events:")).containsExactly(rule);
        Iam.assertTrustPolicy(dir().resolve("state-machine-trust-policy.json"), "states.amazonaws.com");
    }

    @Test
    void theScheduleStartsTheStateMachineDailyWithoutARebuild() throws Exception {
        JsonNode schedule = read(dir().resolve("schedule.json"));
        schedule.fieldNames().forEachRemaining(k -> assertThat(k).as("a key of CreateSchedule").isIn(SCHEDULE_KEYS));
        assertThat(schedule.path("Name").asText()).as("Name").matches("[0-9a-zA-Z-_.]{1,64}");
        assertThat(schedule.path("ScheduleExpression").asText()).as("daily: cron(minutes hours * * ? *)")
                .matches("cron\\([0-5]?[0-9] (1?[0-9]|2[0-3]) \\* \\* \\? \\*\\)");
        assertThat(schedule.path("FlexibleTimeWindow").path("Mode").asText()).isIn("OFF", "FLEXIBLE");
        JsonNode target = schedule.path("Target");
        target.fieldNames().forEachRemaining(k -> assertThat(k).as("a Target key for Step Functions")
                .isIn("Arn", "RoleArn", "Input", "RetryPolicy", "DeadLetterConfig"));
        assertThat(target.path("Arn").asText()).matches("arn:aws:states:REGION:ACCOUNT_ID:stateMachine:[\\w-]+");
        assertThat(target.path("RoleArn").asText()).matches("arn:aws:iam::ACCOUNT_ID:role/[\\w+=,.@-]+");
        JsonNode input = JobDocuments.JSON.readTree(target.path("Input").asText());
        assertThat(input.toString()).as("the execution's input: the snapshot only").isEqualTo("{\"rebuild\":false}");

        Path file = dir().resolve("scheduler-role-policy.json");
        Iam.assertWellFormedPolicy(file);
        Policy policy = Policy.read(file);
        assertThat(policy.actions()).containsExactly("states:StartExecution");
        assertThat(policy.resourcesOf("states:")).containsExactly(target.path("Arn").asText());
        Iam.assertTrustPolicy(dir().resolve("scheduler-trust-policy.json"), "scheduler.amazonaws.com");
    }

    /** The startJobRun.sync states, in the order they are reached, each as the job it runs. */
    private static Map<String, ServerlessJob> jobs() throws IOException {
        JsonNode asl = asl();
        Map<String, ServerlessJob> jobs = new LinkedHashMap<>();
        for (String name : reachable(graph(asl), asl.path("StartAt").asText(), null)) {
            JsonNode state = asl.path("States").path(name);
            if (!state.path("Resource").asText().equals(START_JOB_RUN)) {
                continue;
            }
            JsonNode parameters = state.path("Parameters");
            parameters.fieldNames().forEachRemaining(k -> assertThat(k.replaceFirst("\\.\\$$", ""))
                    .as(name + ": a parameter of startJobRun").isIn(JOB_RUN_PARAMETERS));
            JsonNode submit = parameters.path("JobDriver").path("SparkSubmit");
            List<String> args = AslIntrinsics.strings(submit.path("EntryPointArguments.$").asText(), CONTEXT);
            jobs.put(name, ServerlessJob.of("state-machine.asl.json " + name,
                    parameters.path("ExecutionRoleArn").asText(), submit.path("EntryPoint").asText(),
                    submit.path("SparkSubmitParameters").asText(), args));
        }
        return jobs;
    }

    /** Each state and the states it can go to (Next, Default, every Choice's Next). */
    private static Map<String, List<String>> graph(JsonNode asl) {
        Map<String, List<String>> graph = new LinkedHashMap<>();
        asl.path("States").fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode state = e.getValue();
            String type = state.path("Type").asText();
            List<String> next = new ArrayList<>();
            if (WITH_NEXT.contains(type)) {
                assertThat(state.has("Next") != state.path("End").asBoolean(false)).as(name + ": Next or End")
                        .isTrue();
            } else if (type.equals("Choice")) {
                assertThat(state.path("Choices").isEmpty()).as(name + ": Choices").isFalse();
                state.path("Choices").forEach(rule -> next.add(rule.path("Next").asText(null)));
                assertThat(next).as(name + ": every rule has a Next").doesNotContainNull();
                if (state.has("Default")) {
                    next.add(state.path("Default").asText());
                }
            } else {
                assertThat(type).as(name + ": Type").isIn(TERMINAL);
            }
            if (state.has("Next")) {
                next.add(state.path("Next").asText());
            }
            graph.put(name, next);
        });
        return graph;
    }

    /** The states reached from {@code start}, in breadth-first order, never entering {@code without}. */
    private static List<String> reachable(Map<String, List<String>> graph, String start, String without) {
        List<String> seen = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String state = queue.removeFirst();
            if (!state.equals(without) && visited.add(state)) {
                seen.add(state);
                queue.addAll(graph.getOrDefault(state, List.of()));
            }
        }
        return seen;
    }

    private static boolean isTerminal(JsonNode state) {
        return TERMINAL.contains(state.path("Type").asText()) || state.path("End").asBoolean(false);
    }

    /** Checks every {@code "….$"} field, CausePath and ErrorPath: a path or intrinsic functions that parse. */
    private static void dynamicFields(JsonNode node, String at, List<String> checked) {
        node.fields().forEachRemaining(e -> {
            String where = at + "/" + e.getKey();
            if (e.getKey().endsWith(".$") || e.getKey().equals("CausePath") || e.getKey().equals("ErrorPath")) {
                assertThat(e.getValue().isTextual()).as(where + ": a string").isTrue();
                assertThatCode(() -> AslIntrinsics.evaluate(e.getValue().asText(), CONTEXT)).as(where)
                        .doesNotThrowAnyException();
                checked.add(where);
            } else {
                dynamicFields(e.getValue(), where, checked);
            }
        });
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                dynamicFields(node.get(i), at + "/" + i, checked);
            }
        }
    }

    private static JsonNode asl() throws IOException {
        return read(dir().resolve("state-machine.asl.json"));
    }

    static Path dir() {
        return JobDocuments.inCheckout("docs/schedule");
    }
}
