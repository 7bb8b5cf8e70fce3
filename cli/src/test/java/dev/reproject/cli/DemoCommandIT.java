package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command: {@code reproject demo} runs the whole pipeline on its own servers: every step
 * ends with the counts the demo's sizes give (20,000 orders, then 2,000 more twice), the live updater reaches
 * LIVE, and the view's queries answer.
 */
class DemoCommandIT {

    @Test
    void the_demo_runs_the_whole_pipeline() throws Exception {
        CliRun run = CliRun.run(Map.of(), "demo", "--json", "--seed", "7");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.out());
        JsonNode generate = summary.get("generate");
        assertThat(generate.get("published").asLong()).isEqualTo(generate.get("records").asLong());
        assertThat(generate.get("rejected").asLong()).isPositive();
        assertThat(summary.get("snapshot").get("items").asLong()).isEqualTo(20_000);
        assertThat(summary.get("snapshot").get("incremental").asBoolean()).isFalse();
        assertThat(summary.get("snapshot2").get("incremental").asBoolean()).isTrue();
        assertThat(summary.get("snapshot2").get("items").asLong()).isEqualTo(22_000);
        assertThat(summary.get("rebuild").get("items").asLong()).isEqualTo(22_000);
        assertThat(summary.get("rebuild").get("status").asText()).isEqualTo("LOADED");
        JsonNode live = summary.get("live");
        assertThat(summary.get("produce").get("published").asLong())
                .isEqualTo(summary.get("produce").get("records").asLong());
        assertThat(live.get("records").asLong()).isEqualTo(summary.get("produce").get("published").asLong());
        assertThat(live.get("applied").asLong()).isGreaterThanOrEqualTo(2_000); // at least one per new order
        assertThat(summary.get("liveStatus").asText()).isEqualTo("LIVE");
        assertThat(summary.get("queries")).hasSize(2);
        summary.get("queries").forEach(query -> {
            assertThat(query.get("exitCode").asInt()).as(query.toString()).isZero();
            assertThat(query.get("output").asText()).contains("orderId");
        });
    }
}
