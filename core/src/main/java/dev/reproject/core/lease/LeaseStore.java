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

    /**
     * Takes {@code name} for {@code owner} shared by several members (the instances of one live updater): as
     * {@link #acquire}, and when {@code owner} holds it already, {@code member} joins the members holding it and
     * its expiry is extended to now + {@code ttl}. Any member's {@link #renew} keeps it for all; another owner
     * can take it only once nobody renewed it for {@code ttl}, or the last member has left.
     *
     * @throws dev.reproject.core.error.BusyException naming the current holder, when another owner holds it
     */
    Lease join(String name, String owner, String member, String purpose, Duration ttl);

    /**
     * {@code member} leaves a lease taken with {@link #join}; the lease is released when no member is left. A
     * member that died without leaving keeps the lease from being released: it then frees itself when its
     * time to live runs out. Does nothing when the lease is no longer the owner's.
     */
    void leave(Lease lease, String member);

    /** The lease as stored, expired or not; empty when nobody has taken it (or it was released). */
    Optional<Lease> current(String name);
}
