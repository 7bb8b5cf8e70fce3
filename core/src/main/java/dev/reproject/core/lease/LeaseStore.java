package dev.reproject.core.lease;

import java.time.Duration;
import java.util.Optional;

/**
 * Where leases are kept (CONTRACT.md §6.10): {@code DynamoLeases} in the catalog table (aws), and
 * {@link InMemoryLeaseStore} for unit tests; both pass {@code LeaseStoreContract}. Each operation is one atomic,
 * conditional write: two runs that ask at once cannot both get a lease.
 */
public interface LeaseStore {

    /**
     * Takes {@code name} for {@code owner} until now + {@code ttl}: when nobody holds it, its holder's lease has
     * expired, or {@code owner} holds it already (a retried call: it is then taken afresh, from now).
     *
     * @throws dev.reproject.core.error.BusyException naming the current holder, when another owner holds it
     */
    Lease acquire(String name, String owner, String purpose, Duration ttl);

    /**
     * Extends {@code lease} to now + {@code ttl}.
     *
     * @throws dev.reproject.core.error.BusyException when it is no longer the owner's: released, or taken over
     *                                                 by another owner after it expired
     */
    Lease renew(Lease lease, Duration ttl);

    /** Gives it up, if it is still the owner's; otherwise does nothing. */
    void release(Lease lease);

    /** The lease as stored, expired or not; empty when nobody has taken it (or it was released). */
    Optional<Lease> current(String name);
}
