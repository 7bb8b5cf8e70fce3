package dev.reproject.aws.failure;

import java.util.ArrayList;
import java.util.List;

/** The short messages for AWS failures a new user meets first, and the cause-chain tests behind them. */
final class FailureMessages {

    private FailureMessages() {
    }

    /**
     * Two lines: what is missing, and every way to provide it.
     *
     * @param service the service that needed them, e.g. {@code DynamoDB}; empty when not known
     */
    static String missingCredentials(String service) {
        return "no AWS credentials" + (service.isEmpty() ? "" : " for " + service)
                + ": the AWS default chain found none (REPROJECT_DEBUG=1 shows "
                + "what each source said).\n  Use an AWS profile (AWS_PROFILE, ~/.aws/credentials), or "
                + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or an instance role; for local servers, "
                + "'reproject sandbox'.";
    }

    /**
     * @param where  e.g. {@code at http://127.0.0.1:8000} or {@code in region eu-west-1}
     * @param reason what the connection attempt said
     * @param check  what to check, e.g. {@code --dynamodb-endpoint}
     */
    static String unreachable(String service, String where, String reason, String check) {
        return "cannot reach " + service + " " + where + ": " + reason + ". " + check;
    }

    /** The failure and its causes, outermost first (a cause seen twice ends it). */
    static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /**
     * Whether the throwable says a connection could not be opened: refused, no route, an unknown host, a connect
     * timeout. Timeouts of calls that were connected are not among them: the store was reached.
     */
    static boolean isConnectFailure(Throwable t) {
        // by name as well: the Apache client's ConnectTimeoutException, relocated in the job jars or not
        return t instanceof java.net.ConnectException || t instanceof java.net.NoRouteToHostException
                || t instanceof java.net.UnknownHostException
                || t.getClass().getSimpleName().equals("ConnectTimeoutException");
    }

    /** What a connection failure said, e.g. {@code Connection refused}, {@code unknown host h}. */
    static String reason(Throwable connectFailure) {
        String message = connectFailure.getMessage() == null ? connectFailure.getClass().getSimpleName()
                : connectFailure.getMessage();
        return connectFailure instanceof java.net.UnknownHostException ? "unknown host " + message : message;
    }
}
