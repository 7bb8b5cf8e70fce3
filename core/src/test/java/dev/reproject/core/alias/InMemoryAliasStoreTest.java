package dev.reproject.core.alias;

class InMemoryAliasStoreTest extends AliasStoreContract {

    @Override
    protected AliasStore newStore() {
        return new InMemoryAliasStore();
    }
}
