package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * IAM policies as the document tests read them: identity policies (statements, what they allow on an ARN, with
 * IAM's wildcard matching; conditions are kept but not evaluated), trust policies, and S3 paths as IAM names
 * them.
 */
final class Iam {

    static final Set<String> S3_BUCKET_ACTIONS = Set.of("s3:ListBucket", "s3:ListBucketMultipartUploads");
    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9]+");

    private Iam() {
    }

    /**
     * An identity policy: Version, unique Sids, exact actions (no wildcard), ARNs (never {@code *}), and S3
     * actions only on the kind of resource (bucket or object) IAM applies them to.
     */
    static void assertWellFormedPolicy(Path file) throws IOException {
        JsonNode policy = JobDocuments.read(file);
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

    /**
     * A role's trust policy: only {@code service} may assume it ({@code sts:AssumeRole}), optionally only for
     * this account ({@code aws:SourceAccount}) or a source ARN of that service ({@code aws:SourceArn}).
     */
    static void assertTrustPolicy(Path file, String service) throws IOException {
        JsonNode policy = JobDocuments.read(file);
        assertThat(policy.path("Version").asText()).as(file + ": Version").isEqualTo("2012-10-17");
        assertThat(policy.path("Statement").size()).as(file + ": one statement").isEqualTo(1);
        JsonNode s = policy.path("Statement").get(0);
        s.fieldNames().forEachRemaining(k -> assertThat(k).as(file + ": a trust statement's key")
                .isIn("Sid", "Effect", "Principal", "Action", "Condition"));
        assertThat(s.path("Effect").asText()).as(file + ": Effect").isEqualTo("Allow");
        assertThat(s.path("Action").asText()).as(file + ": Action").isEqualTo("sts:AssumeRole");
        assertThat(s.path("Principal").toString()).as(file + ": Principal")
                .isEqualTo("{\"Service\":\"" + service + "\"}");
        s.path("Condition").fields().forEachRemaining(operator -> operator.getValue().fieldNames()
                .forEachRemaining(key -> assertThat(key).as(file + ": condition key")
                        .isIn("aws:SourceAccount", "aws:SourceArn")));
    }

    /** One statement; Action and Resource may each be a string or an array of strings. */
    record Statement(String sid, String effect, List<String> actions, List<String> resources, JsonNode condition) {

        static List<Statement> all(JsonNode policy) {
            List<Statement> statements = new ArrayList<>();
            for (JsonNode s : policy.path("Statement")) {
                assertThat(s.has("NotAction") || s.has("NotResource") || s.has("Principal"))
                        .as("an identity policy naming what it allows: " + s).isFalse();
                statements.add(new Statement(s.path("Sid").asText(""), s.path("Effect").asText(""),
                        strings(s.path("Action")), strings(s.path("Resource")), s.path("Condition")));
            }
            return statements;
        }
    }

    /** A string or an array of strings, as IAM and the job documents write lists. */
    static List<String> strings(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> values = new ArrayList<>();
        node.forEach(v -> values.add(v.isTextual() ? v.asText() : fail("not a string: " + v)));
        return values;
    }

    /** The statements of one or more policies attached to the same role. Conditions are not evaluated. */
    record Policy(List<Statement> statements) {

        static Policy read(Path... files) throws IOException {
            List<Statement> statements = new ArrayList<>();
            for (Path file : files) {
                statements.addAll(Statement.all(JobDocuments.read(file)));
            }
            return new Policy(statements);
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

}
