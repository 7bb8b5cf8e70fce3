package dev.reproject.benchmarks.reliability;

import dev.reproject.benchmarks.reliability.input.InputCorpus;
import dev.reproject.benchmarks.reliability.soak.Soak;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI subset of the reliability suite's input part (RELIABILITY.md): the whole bad-input corpus with
 * a 128 MiB gzip bomb instead of 2 GiB, and a 30 s soak of live at 200 events/s with 10% of its writes
 * throttled, on one set of local servers; the commands run in their own JVMs with small heaps.
 */
@ExtendWith(LocalServersExtension.class)
class ReliabilityInputIT {

    @Test
    void bad_input_ends_as_counted_rejects_or_failures_naming_it(LocalServers servers, @TempDir Path dir)
            throws Exception {
        Checks checks = InputCorpus.run(servers, dir, 128L << 20, "768m");
        System.out.print(checks.report());
        assertThat(checks.failed()).as(checks.report()).isEmpty();
        assertThat(checks.all()).hasSizeGreaterThan(30);
    }

    @Test
    void live_under_throttling_for_30_seconds_loses_nothing_and_applies_nothing_twice(LocalServers servers,
                                                                                      @TempDir Path dir)
            throws Exception {
        Checks checks = Soak.run(servers, dir, 30, 200, 0.1, "512m");
        System.out.print(checks.report());
        assertThat(checks.failed()).as(checks.report()).isEmpty();
    }
}
