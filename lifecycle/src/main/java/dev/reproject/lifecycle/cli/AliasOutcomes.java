package dev.reproject.lifecycle.cli;

import dev.reproject.cli.api.ExitCodes;
import dev.reproject.lifecycle.alias.AliasOutcome;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/** How {@code promote} and {@code rollback} print an {@link AliasOutcome} and end. */
final class AliasOutcomes {

    private AliasOutcomes() {
    }

    /** Prints what moved (stdout) or why not (stderr, one reason a line); the exit status. */
    static int report(CommandSpec spec, String command, String done, AliasOutcome outcome) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int status;
        if (outcome instanceof AliasOutcome.Moved moved) {
            moved.overridden().forEach(reason -> err.println("reproject " + command + ": forced past: " + reason));
            out.println(done + " " + moved.describe() + (moved.overridden().isEmpty() ? ""
                    : " (forced; the reasons are recorded in the alias's history)"));
            status = ExitCodes.OK;
        } else if (outcome instanceof AliasOutcome.Refused refused) {
            err.println("reproject " + command + ": refused:");
            refused.reasons().forEach(reason -> err.println("  " + reason));
            status = ExitCodes.REFUSED;
        } else {
            out.println(((AliasOutcome.Unchanged) outcome).reason());
            status = ExitCodes.OK;
        }
        out.flush();
        err.flush();
        return status;
    }
}
