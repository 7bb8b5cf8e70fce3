package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reproject.cli.Iam.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.reproject.cli.JobDocuments.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The EMR Serverless documents in {@code docs/emr-serverless}: {@code start-job-run} requests in the shape of
 * the {@code StartJobRun} API (its key names, from AWS's API reference) that run a real main class from its
 * shaded jar with only options its command declares; each job's runtime role, whose policies
 * ({@code docs/emr/<job>-job-policy.json} and the logs policy) grant exactly what the job's code needs, and the
 * role's trust policy.
 */
class EmrServerlessDocumentsTest {

    private static final Set<String> REQUEST_KEYS = Set.of("applicationId", "clientToken", "executionRoleArn",
            "executionIamPolicy", "jobDriver", "configurationOverrides", "tags", "executionTimeoutMinutes", "name",
            "mode", "retryPolicy");
    private static final Set<String> SPARK_SUBMIT_KEYS = Set.of("entryPoint", "entryPointArguments",
            "sparkSubmitParameters");
    private static final Set<String> OVERRIDES_KEYS = Set.of("applicationConfiguration",
            "diskEncryptionConfiguration", "monitoringConfiguration");
    private static final Set<String> MONITORING_KEYS = Set.of("cloudWatchLoggingConfiguration",
            "managedPersistenceMonitoringConfiguration", "prometheusMonitoringConfiguration",
            "s3MonitoringConfiguration");
    private static final String LOGS_POLICY = "job-logs-policy.json";
    private static final String TRUST_POLICY = "job-role-trust-policy.json";

    @Test
    void everyDocumentIsStrictJson() throws IOException {
        List<String> names = JobDocuments.files(dir()).stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).containsExactlyInAnyOrder("snapshot-job-run.json", "rebuild-job-run.json", LOGS_POLICY,
                TRUST_POLICY);
        for (String name : names) {
            assertThatCode(() -> read(dir().resolve(name))).as(name).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @MethodSource("requests")
    void requestsHaveTheShapeOfStartJobRun(Path file) throws IOException {
        JsonNode request = read(file);
        String at = file.getFileName().toString();
        assertKeys(at, request, REQUEST_KEYS);
        assertThat(request.path("applicationId").asText()).as(at + ": applicationId").isEqualTo("APPLICATION_ID");
        assertThat(request.path("name").asText()).as(at + ": name").isNotBlank();
        assertThat(request.path("executionTimeoutMinutes").canConvertToInt()
                && request.path("executionTimeoutMinutes").asInt() > 0).as(at + ": executionTimeoutMinutes").isTrue();
        JsonNode driver = request.path("jobDriver");
        assertKeys(at + " jobDriver", driver, Set.of("sparkSubmit"));
        assertKeys(at + " jobDriver.sparkSubmit", driver.path("sparkSubmit"), SPARK_SUBMIT_KEYS);
        JsonNode overrides = request.path("configurationOverrides");
        assertKeys(at + " configurationOverrides", overrides, OVERRIDES_KEYS);
        JsonNode monitoring = overrides.path("monitoringConfiguration");
        assertKeys(at + " monitoringConfiguration", monitoring, MONITORING_KEYS);
        assertKeys(at + " s3MonitoringConfiguration", monitoring.path("s3MonitoringConfiguration"),
                Set.of("logUri", "encryptionKeyArn"));
        assertThat(logUri(request)).as(at + ": logUri, a prefix").matches("s3://[^/]+/.+/");
    }

    @ParameterizedTest
    @MethodSource("requests")
    void requestsRunTheirMainClassFromItsShadedJarWithDeclaredOptions(Path file) throws Exception {
        ServerlessJob job = job(file);
        assertThat(file.getFileName().toString()).as("the request names its job").startsWith(job.jobName() + "-");
        assertThat(job.jars()).as(file + ": other views' jars are added by hand (README), none is shipped: the "
                + "Order History view is inside the shaded jar").isEmpty();
        assertThat(job.roleArn()).as(file + ": each job has its own role, with its own policy")
                .endsWith("/reproject-" + job.jobName() + "-job");
    }

    @ParameterizedTest
    @MethodSource("requests")
    void eachJobsRoleGrantsExactlyWhatItsCodeNeedsAndWritingItsLogs(Path file) throws Exception {
        ServerlessJob job = job(file);
        Path emr = JobDocuments.inCheckout("docs/emr");
        Policy policy = Policy.read(emr.resolve(job.jobName() + "-job-policy.json"), dir().resolve(LOGS_POLICY));
        job.assertRoleGrantsWhatTheJobNeeds(policy, logUri(read(file)));
    }

    @Test
    void theLogsPolicyGrantsWritingUnderEveryRequestsLogUriOnly() throws Exception {
        Path file = dir().resolve(LOGS_POLICY);
        Iam.assertWellFormedPolicy(file);
        Policy policy = Policy.read(file);
        assertThat(policy.actions()).as(LOGS_POLICY + ": actions").containsExactly("s3:PutObject");
        for (Path request : requests().toList()) {
            String prefix = Iam.S3Path.of(logUri(read(request))).object("");
            assertThat(policy.resourcesOf("s3:")).as(LOGS_POLICY + ": only objects under " + prefix)
                    .allSatisfy(r -> assertThat(r).isEqualTo(prefix + "*"));
        }
    }

    @Test
    void onlyEmrServerlessMayAssumeTheJobRoles() throws IOException {
        Iam.assertTrustPolicy(dir().resolve(TRUST_POLICY), "emr-serverless.amazonaws.com");
    }

    /** The job a request runs. */
    static ServerlessJob job(Path file) throws IOException {
        JsonNode request = read(file);
        JsonNode submit = request.path("jobDriver").path("sparkSubmit");
        return ServerlessJob.of(file.getFileName().toString(), request.path("executionRoleArn").asText(),
                submit.path("entryPoint").asText(), submit.path("sparkSubmitParameters").asText(),
                Iam.strings(submit.path("entryPointArguments")));
    }

    static Stream<Path> requests() throws IOException {
        return JobDocuments.files(dir()).stream().filter(p -> p.getFileName().toString().endsWith("-job-run.json"));
    }

    static Path dir() {
        return JobDocuments.inCheckout("docs/emr-serverless");
    }

    static String logUri(JsonNode request) {
        return request.path("configurationOverrides").path("monitoringConfiguration")
                .path("s3MonitoringConfiguration").path("logUri").asText();
    }

    private static void assertKeys(String at, JsonNode node, Set<String> allowed) {
        assertThat(node.isObject()).as(at + ": an object").isTrue();
        node.fieldNames().forEachRemaining(k -> assertThat(k).as(at + ": a key of StartJobRun's request")
                .isIn(allowed));
    }
}
