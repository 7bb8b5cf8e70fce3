package dev.reproject.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagedProcessTest {

    @TempDir
    Path tmp;

    @Test
    void aServerThatDiesBeforeOpeningItsPortFailsWithItsLog() {
        List<String> command = ChildJvm.command(List.of(), "", "no.such.MainClass", List.of());
        ManagedProcess process = ManagedProcess.start("broken", command, tmp, tmp.resolve("broken.log"), List.of());
        try {
            assertThatThrownBy(() -> process.awaitPort(FreePort.pick(), Duration.ofSeconds(30)))
                    .hasMessageContaining("broken exited with code 1")
                    .hasMessageContaining("ClassNotFoundException: no.such.MainClass");
        } finally {
            process.stop();
        }
    }

    @Test
    void aShortLivedCommandThatFailsReportsItsExitCode() {
        List<String> command = ChildJvm.command(List.of(), "", ParentWatchdog.class.getName(), List.of());

        // the watchdog itself, called without its own arguments, prints its usage and exits with 2
        assertThatThrownBy(
                () -> ManagedProcess.run("nested", command, tmp, tmp.resolve("nested.log"), Duration.ofSeconds(30)))
                .hasMessageContaining("exit code 2")
                .hasMessageContaining("usage: ParentWatchdog");
    }
}
