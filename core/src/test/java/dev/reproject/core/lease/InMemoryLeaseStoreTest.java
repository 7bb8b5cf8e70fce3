package dev.reproject.core.lease;

/** The lease contract on {@link InMemoryLeaseStore}. */
class InMemoryLeaseStoreTest extends LeaseStoreContract {

    @Override
    protected LeaseStore newStore(SettableClock clock) {
        return new InMemoryLeaseStore(clock);
    }
}
