package dev.reproject.aws.catalog;

import dev.reproject.aws.dynamodb.TestDynalite;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.lease.LeaseStore;
import dev.reproject.core.lease.LeaseStoreContract;
import dev.reproject.core.lease.SettableClock;
import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The lease contract on {@link DynamoLeases} on dynalite, each test in a catalog table of its own. */
@ExtendWith(LocalServersExtension.class)
class DynamoLeasesIT extends LeaseStoreContract {

    private static DynamoDbClient client;
    private DynamoCatalog catalog;

    @BeforeAll
    static void connect(LocalServers servers) {
        client = TestDynalite.client(servers);
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    protected LeaseStore newStore(SettableClock clock) {
        catalog = new DynamoCatalog(client, "leases-" + Long.toHexString(System.nanoTime()), clock);
        return catalog.leases();
    }

    @Test
    void leaseItems_areNotRebuilds_toTheCatalogsReads() {
        store.acquire(NAME, "owner-a", "rebuild A", TTL);
        RebuildId id = RebuildId.of("orders-view", new SnapshotId("20261206T120000.000Z"));
        RebuildEntry entry = RebuildEntry.loading(id, "order-history", "s3a://b/a",
                Watermark.of(Map.of(new SourcePartition("orders", 0), 3L)), T0);
        catalog.begin(entry);

        assertThat(catalog.all()).containsExactly(entry);
        assertThat(catalog.entriesForTable("orders-view")).containsExactly(entry);
    }

    @Test
    void aStoreWithoutItsCatalogTable_hasNoLeases_andTheFirstAcquireCreatesIt() {
        assertThat(catalog.exists()).isFalse();
        assertThat(store.current(NAME)).isEmpty();

        store.acquire(NAME, "owner-a", "rebuild A", TTL);

        assertThat(catalog.exists()).isTrue();
    }
}
