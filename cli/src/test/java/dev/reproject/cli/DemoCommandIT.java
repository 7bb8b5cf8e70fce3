package dev.reproject.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command: {@code reproject demo} runs end to end and finds what it wrote. */
class DemoCommandIT {

    @Test
    void the_demo_reads_back_what_it_wrote() throws Exception {
        CliRun run = CliRun.run(Map.of(), "demo", "--json", "--seed", "7");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertThat(summary.get("differences")).isEmpty();
        JsonNode written = summary.get("written");
        JsonNode read = summary.get("read");
        assertThat(read.get("events").asLong()).isPositive().isEqualTo(written.get("events").asLong());
        assertThat(read.get("rejected").get("not-json").asLong()).isPositive()
                .isEqualTo(written.get("rejected").get("not-json").asLong());
        assertThat(read.get("rejected").get("unreadable-file").asLong()).isPositive();
        assertThat(read.get("duplicates").asLong()).isPositive().isEqualTo(written.get("duplicates").asLong());
        assertThat(summary.get("snapshot").get("status").asText()).isEqualTo("committed");
        assertThat(summary.get("snapshot").get("items").asLong()).isEqualTo(20_000); // one per order of the demo
        assertThat(summary.get("snapshotAgain").get("status").asText()).isEqualTo("nothing-new");
    }
}
