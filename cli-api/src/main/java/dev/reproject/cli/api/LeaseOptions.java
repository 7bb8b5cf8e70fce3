package dev.reproject.cli.api;

import dev.reproject.core.lease.LeaseStore;
import dev.reproject.core.lease.Leasing;
import dev.reproject.core.retry.Sleeper;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;

/** {@code --lease-ttl} and {@code --lease-wait}, for the commands that take a lease: snapshot, rebuild, live (CONTRACT.md §6.10). */
public class LeaseOptions {

    @Option(names = "--lease-ttl", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long the run's lease lives without a heartbeat (every third of it): a run that dies "
                    + "blocks others this long at most (default: ${DEFAULT-VALUE}).")
    long leaseTtlSeconds;

    @Option(names = "--lease-wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "While another run holds the lease, ask again every second for this long before giving "
                    + "up with exit status 5 (default: ${DEFAULT-VALUE}, ask once).")
    long leaseWaitSeconds;

    /** @throws IllegalArgumentException when the time to live is under 3 s, or the wait negative */
    public Leasing leasing(LeaseStore store) {
        if (leaseTtlSeconds < 3) {
            throw new IllegalArgumentException("--lease-ttl must be at least 3 seconds, was " + leaseTtlSeconds);
        }
        if (leaseWaitSeconds < 0) {
            throw new IllegalArgumentException("--lease-wait must be 0 or more seconds, was " + leaseWaitSeconds);
        }
        return new Leasing(store, Duration.ofSeconds(leaseTtlSeconds), Duration.ofSeconds(leaseWaitSeconds),
                Clock.systemUTC(), Sleeper.SYSTEM);
    }
}
