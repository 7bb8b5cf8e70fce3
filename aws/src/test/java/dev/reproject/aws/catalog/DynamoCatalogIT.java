package dev.reproject.aws.catalog;

import dev.reproject.aws.dynamodb.TestDynalite;
import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildCatalogContract;
import dev.reproject.sandbox.LocalServers;
import dev.reproject.sandbox.LocalServersExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog contract on {@link DynamoCatalog} on dynalite, each test on a catalog table of its own. */
@ExtendWith(LocalServersExtension.class)
class DynamoCatalogIT extends RebuildCatalogContract {

    private static DynamoDbClient client;

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
    protected RebuildCatalog newCatalog(Clock clock) {
        return new DynamoCatalog(client, "catalog-" + Long.toHexString(System.nanoTime()), clock);
    }

    @Test
    void givenNoCatalogTable_thenTheFirstBeginCreatesIt() {
        DynamoCatalog dynamo = (DynamoCatalog) catalog;
        assertThat(dynamo.exists()).isFalse();

        catalog.begin(loading(A1));

        assertThat(dynamo.exists()).isTrue();
        assertThat(catalog.get(A1)).hasValue(loading(A1));
    }
}
