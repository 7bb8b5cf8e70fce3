package dev.reproject.core.catalog;

import java.time.Clock;

/** The catalog contract on {@link InMemoryRebuildCatalog}. */
class InMemoryRebuildCatalogTest extends RebuildCatalogContract {

    @Override
    protected RebuildCatalog newCatalog(Clock clock) {
        return new InMemoryRebuildCatalog(clock);
    }
}
