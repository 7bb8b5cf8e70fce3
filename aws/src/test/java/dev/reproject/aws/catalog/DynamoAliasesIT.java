package dev.reproject.aws.catalog;

import dev.reproject.aws.dynamodb.TestDynalite;
import dev.reproject.core.alias.AliasStore;
import dev.reproject.core.alias.AliasStoreContract;
import dev.reproject.core.alias.ViewAlias;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.watermark.Watermark;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link AliasStoreContract} on a DynamoDB catalog table on dynalite. */
@ExtendWith(LocalServersExtension.class)
class DynamoAliasesIT extends AliasStoreContract {

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
    protected AliasStore newStore() {
        catalog = new DynamoCatalog(client, "aliases-" + Long.toHexString(System.nanoTime()), Clock.systemUTC());
        return catalog.aliases();
    }

    @Test
    void aliasItems_areNotRebuilds_toTheCatalogsReads() {
        ViewAlias read = store.get("order-history");
        store.replace(read, read.promote(BLUE, T0, false, ""));
        RebuildEntry entry = RebuildEntry.loading(BLUE, "order-history", "s3a://b/a", Watermark.empty(), T0);
        catalog.begin(entry);

        assertThat(catalog.all()).containsExactly(entry);
        assertThat(catalog.entriesForTable(BLUE.table())).containsExactly(entry);
    }
}
