package dev.reproject.lifecycle.cli;

import dev.reproject.cli.api.CommandLines;
import dev.reproject.core.alias.AliasMove;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.lifecycle.alias.AliasOutcome;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What promote and rollback check before any AWS call, and how they print an outcome. */
class AliasCommandsTest {

    private static final RebuildId BLUE = RebuildId.of("orders-blue", new SnapshotId("20261201T000000.000Z"));
    private static final RebuildId GREEN = RebuildId.of("orders-green", new SnapshotId("20261207T000000.000Z"));

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine(Object command) {
        CommandLine commandLine = CommandLines.configure(new CommandLine(command), Map.of());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    @Test
    void promote_aMalformedRebuildId_orANegativeLagLimit_isAUsageError() {
        assertThat(commandLine(new PromoteCommand()).execute("orders-green")).isEqualTo(2);
        assertThat(err.toString()).contains("not a rebuild id: 'orders-green' (expected <table>@<snapshotId>");
        assertThat(commandLine(new PromoteCommand()).execute(GREEN.value(), "--max-lag", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-lag must be 0 or more, was -1");
        assertThat(commandLine(new PromoteCommand()).execute()).isEqualTo(2);
    }

    @Test
    void aMove_isPrintedFromTo_withTheReasonsAForcedOneSkipped() {
        CommandLine commandLine = commandLine(new PromoteCommand());
        AliasMove move = new AliasMove(AliasMove.Kind.PROMOTE, Optional.of(BLUE), GREEN, Instant.EPOCH, true, "n");

        int status = AliasOutcomes.report(commandLine.getCommandSpec(), "promote", "promoted",
                new AliasOutcome.Moved("order-history", move, List.of("orders-green was never verified")));

        assertThat(status).isZero();
        assertThat(out.toString()).isEqualTo("promoted order-history: " + BLUE + " → " + GREEN
                + " (forced; the reasons are recorded in the alias's history)\n");
        assertThat(err.toString()).isEqualTo("reproject promote: forced past: orders-green was never verified\n");
    }

    @Test
    void aRefusal_exits8_withEachReasonOnALineOfStderr() {
        CommandLine commandLine = commandLine(new RollbackCommand());

        int status = AliasOutcomes.report(commandLine.getCommandSpec(), "promote", "promoted",
                new AliasOutcome.Refused(List.of("first reason", "second reason")));

        assertThat(status).isEqualTo(8);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("reproject promote: refused:\n  first reason\n  second reason\n");
    }

    @Test
    void theCommands_areListedForTheCli() {
        assertThat(new LifecycleCommands().commands()).extracting(c -> new CommandLine(c).getCommandName())
                .contains("promote", "rollback");
    }
}
