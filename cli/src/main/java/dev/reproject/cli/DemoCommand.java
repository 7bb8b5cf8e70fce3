package dev.reproject.cli;

import dev.reproject.cli.api.CommonOptions;
import dev.reproject.cli.api.ExitCodes;
import dev.reproject.cli.api.Json;
import dev.reproject.core.error.NotFoundException;
import dev.reproject.core.sample.SampleArchiveGenerator;
import dev.reproject.core.view.Views;
import dev.reproject.live.LiveOutcome;
import dev.reproject.rebuild.RebuildOutcome;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.SandboxCredentials;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code reproject demo}: the whole pipeline on local servers, started and stopped here. A sample archive in
 * the S3 server and the same records in Kafka → snapshot → more events → incremental snapshot → rebuild into
 * DynamoDB → the live updater while yet more events are produced → the view's queries. One line per step,
 * with counts and times.
 */
@Command(name = "demo", description = {
        "Runs reproject end to end on local servers (S3, DynamoDB and Kafka, started and stopped here):",
        "a sample archive and the same records in Kafka, snapshot, more events, incremental snapshot,",
        "rebuild, the live updater while more events are produced, then the view's queries."})
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the sample archive (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bad-records", defaultValue = "0.01", paramLabel = "FRACTION",
            description = "Fraction of malformed records to inject (default ${DEFAULT-VALUE}).")
    double badRecords;

    @Option(names = "--json", description = "Print a one-line JSON summary instead of the step lines.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SampleArchiveGenerator generator = generatorFor(common.view());
        String table = Views.byName(generator.view()).table().defaultName();
        Map<String, Object> summary = new LinkedHashMap<>();
        Level level = LogManager.getLogger("dev.reproject").getLevel();
        Configurator.setLevel("dev.reproject", Level.ERROR); // the step lines tell the story, rejects included
        long started = System.nanoTime();
        try (LocalServers servers = LocalServers.create()) {
            line(out, "demo: starting local servers (S3, DynamoDB, Kafka) on 127.0.0.1…");
            servers.s3Endpoint();
            servers.dynamoDbEndpoint();
            servers.kafkaBootstrapServers();
            DemoPipeline.Steps steps = (step, text, startNanos, figures) -> {
                Map<String, Object> figuresWithTime = new LinkedHashMap<>(figures);
                figuresWithTime.put("seconds", seconds(startNanos));
                summary.put(step, figuresWithTime);
                line(out, String.format("  %-9s %s [%.1f s]", step, text, seconds(startNanos)));
            };
            try (DemoPipeline pipeline = new DemoPipeline(servers, generator, common.catalogTable(), steps)) {
                Map<Integer, Long> published = new TreeMap<>(pipeline.generate(seed, badRecords).lastOffsets());
                pipeline.snapshot("snapshot");
                published.putAll(pipeline.append("append", badRecords, published).lastOffsets());
                pipeline.snapshot("snapshot2");
                RebuildOutcome rebuild = pipeline.rebuild(table);
                LiveOutcome live = pipeline.live(rebuild.entry(), badRecords, published);
                summary.put("liveStatus", live.entry().status().name());
            }
            summary.put("queries", queries(out, servers, generator));
        } finally {
            Configurator.setLevel("dev.reproject", level);
        }
        summary.put("seconds", seconds(started));
        @SuppressWarnings("unchecked")
        boolean queriesOk = ((List<Map<String, Object>>) summary.get("queries")).stream()
                .allMatch(q -> Integer.valueOf(0).equals(q.get("exitCode")));
        if (json) {
            out.println(Json.line(summary));
        } else {
            line(out, String.format("demo: %s in %.0f s; servers stopped", queriesOk ? "done" : "a query FAILED",
                    seconds(started)));
        }
        out.flush();
        return queriesOk ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** The view's query commands, run as a user would run them, against the servers; their output shown. */
    @SuppressWarnings("try") // the scope is only closed
    private List<Map<String, Object>> queries(PrintWriter out, LocalServers servers, SampleArchiveGenerator generator) {
        Map<String, String> environment = new HashMap<>(servers.environment());
        environment.put("REPROJECT_CATALOG_TABLE", common.catalogTable());
        List<Map<String, Object>> results = new ArrayList<>();
        // the commands take credentials from the default chain: here, the local servers' own
        try (SandboxCredentials.SystemPropertiesScope credentials = servers.credentials().inSystemProperties()) {
            for (List<String> query : generator.demoQueries()) {
                StringWriter queryOut = new StringWriter();
                StringWriter queryErr = new StringWriter();
                int exit = Reproject.run(query.toArray(String[]::new), new PrintWriter(queryOut),
                        new PrintWriter(queryErr), environment);
                line(out, "  query     reproject " + String.join(" ", query) + (exit == 0 ? "" : " → exit " + exit));
                String shown = (exit == 0 ? queryOut : queryErr).toString().strip();
                shown.lines().forEach(l -> line(out, "            " + l));
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("command", query);
                result.put("exitCode", exit);
                result.put("output", queryOut.toString().strip());
                results.add(result);
            }
        }
        return results;
    }

    private void line(PrintWriter out, String text) {
        if (!json) {
            out.println(text);
            out.flush();
        }
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0;
    }

    private static SampleArchiveGenerator generatorFor(String view) {
        for (SampleArchiveGenerator generator : ServiceLoader.load(SampleArchiveGenerator.class)) {
            if (generator.view().equals(view)) {
                return generator;
            }
        }
        throw new NotFoundException("no sample-archive generator for view '" + view + "' on the class path");
    }
}
