package dev.reproject.core.lease;

import dev.reproject.core.error.BusyException;

import java.time.Instant;

/** The messages every {@link LeaseStore} refuses with, so that they say the same thing. */
public final class LeaseRules {

    private LeaseRules() {
    }

    public static BusyException busy(String name, String purpose, Lease holder, Instant now) {
        return new BusyException("busy: " + name + " is held by " + holder.describe() + ", so " + purpose
                + " did not start and wrote nothing. Wait for that run to end, or for its lease to expire (in "
                + Math.max(0, holder.expiresAt().getEpochSecond() - now.getEpochSecond())
                + " s) should it have died, then run again");
    }

    public static BusyException lost(Lease lease, String why) {
        return new BusyException("lease lost: " + lease.name() + " is no longer held by " + lease.purpose()
                + " (owner " + lease.owner() + "): " + why + "; it stopped before committing anything more");
    }
}
