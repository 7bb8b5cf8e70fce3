package dev.reproject.core.lease;

import java.time.Instant;
import java.util.Objects;

/**
 * One lease (CONTRACT.md §6.10): the right of one run at a time to write a table or commit a view's snapshots.
 *
 * @param name      what is leased, {@link LeaseNames}
 * @param owner     the run holding it: unique per process and lease taken ({@link LeaseOwner})
 * @param purpose   what the owner is doing, for the message of a run that finds it busy
 * @param takenAt   when the owner took it
 * @param expiresAt until when it is the owner's; renewed by heartbeats, and free for anyone after it
 */
public record Lease(String name, String owner, String purpose, Instant takenAt, Instant expiresAt) {

    public Lease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether it is still held at {@code now}. */
    public boolean heldAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    public Lease expiringAt(Instant newExpiry) {
        return new Lease(name, owner, purpose, takenAt, newExpiry);
    }

    /** For messages: {@code "<purpose> (owner <owner>, taken <t>, expires <t>)"}. */
    public String describe() {
        return purpose + " (owner " + owner + ", taken " + takenAt + ", expires " + expiresAt + ")";
    }
}
