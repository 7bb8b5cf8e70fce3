package dev.reproject.aws.catalog;

import dev.reproject.aws.dynamodb.TableWaits;
import dev.reproject.core.catalog.CatalogRules;
import dev.reproject.core.catalog.LivePosition;
import dev.reproject.core.catalog.RebuildCatalog;
import dev.reproject.core.catalog.RebuildEntry;
import dev.reproject.core.catalog.RebuildId;
import dev.reproject.core.catalog.RebuildStatus;
import dev.reproject.core.catalog.VerifySummary;
import dev.reproject.core.event.SourcePartition;
import dev.reproject.core.watermark.Watermark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.reproject.aws.catalog.CatalogItems.s;

/**
 * The rebuild catalog in a DynamoDB table (CONTRACT.md §6; {@code --catalog-table}, default {@value #DEFAULT_TABLE}),
 * created on the first write, on demand, hash key {@code rebuildId}.
 *
 * <p>No index by target table: the catalog holds one small item per rebuild, so "entries of table T" is a
 * consistent Scan with a filter. A GSI would only be eventually consistent — and {@link #begin} must see a live
 * updater's latest report — and would double the cost of the live updater's steady writes.
 *
 * <p>The table also holds the leases ({@link #leases()}), as items keyed {@code lease:<name>}, and the views'
 * aliases ({@link #aliases()}), keyed {@code alias:<view>}; reads of rebuilds pass them by.
 *
 * <p>Reads on a catalog table that does not exist find nothing: no rebuilds yet.
 */
public final class DynamoCatalog implements RebuildCatalog {

    public static final String DEFAULT_TABLE = "reproject-catalog";

    private static final Logger log = LoggerFactory.getLogger(DynamoCatalog.class);

    private final DynamoDbClient client;
    private final String tableName;
    private final Clock clock;
    private volatile boolean tableKnown;

    public DynamoCatalog(DynamoDbClient client, String tableName, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String tableName() {
        return tableName;
    }

    /** The leases kept in this catalog's table (CONTRACT.md §6.10). */
    public DynamoLeases leases() {
        return new DynamoLeases(this, client, clock);
    }

    /** The views' aliases kept in this catalog's table. */
    public DynamoAliases aliases() {
        return new DynamoAliases(this, client);
    }

    /** Whether the catalog table exists (it is created by the first rebuild). */
    public boolean exists() {
        try {
            client.describeTable(b -> b.tableName(tableName));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /** Creates the catalog table unless it exists, and waits until it is usable. */
    public void createIfMissing() {
        if (tableKnown) {
            return;
        }
        if (!exists()) {
            try {
                client.createTable(b -> b.tableName(tableName)
                        .keySchema(
                                KeySchemaElement.builder().attributeName(CatalogItems.ID).keyType(KeyType.HASH).build())
                        .attributeDefinitions(AttributeDefinition.builder().attributeName(CatalogItems.ID)
                                .attributeType(ScalarAttributeType.S).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST));
                log.info("Created the catalog table {}", tableName);
            } catch (ResourceInUseException e) {
                log.debug("Catalog table {} is being created by another run", tableName);
            }
        }
        TableWaits.untilExists(client, tableName);
        tableKnown = true;
    }

    @Override
    public void begin(RebuildEntry entry) {
        createIfMissing();
        CatalogRules.requireBeginnable(entry, entriesForTable(entry.table()));
        // again in the write itself, for this id: a live updater may have reported since the scan
        try {
            client.putItem(b -> b.tableName(tableName)
                    .item(CatalogItems.toItem(entry))
                    .conditionExpression("attribute_not_exists(#id) OR #status = :retired"
                            + " OR (#status IN (:loading, :loaded) AND attribute_not_exists(#lastLive))")
                    .expressionAttributeNames(Map.of("#id", CatalogItems.ID, "#status", CatalogItems.STATUS,
                            "#lastLive", CatalogItems.LAST_LIVE_UPDATE))
                    .expressionAttributeValues(Map.of(":loading", s(RebuildStatus.LOADING.name()),
                            ":loaded", s(RebuildStatus.LOADED.name()), ":retired",
                            s(RebuildStatus.RETIRED.name()))));
        } catch (ConditionalCheckFailedException e) {
            RebuildEntry current = get(entry.id()).orElseThrow(() -> new IllegalStateException(
                    "rebuild " + entry.id() + " changed while it was being recorded; run it again", e));
            throw CatalogRules.liveTable(entry.id(), current);
        }
    }

    @Override
    public RebuildEntry markLoaded(RebuildId id, Map<String, Long> counts, Watermark handoff) {
        String now = clock.instant().toString();
        try {
            return CatalogItems.fromItem(client.updateItem(b -> b.tableName(tableName)
                    .key(CatalogItems.key(id))
                    .updateExpression("SET #counts = :counts, #handoff = :handoff, #status = :loaded, #updated = :now")
                    .conditionExpression("#status = :loading")
                    .expressionAttributeNames(Map.of("#counts", CatalogItems.COUNTS, "#handoff", CatalogItems.HANDOFF,
                            "#status", CatalogItems.STATUS, "#updated", CatalogItems.UPDATED_AT))
                    .expressionAttributeValues(Map.of(":counts", CatalogItems.counts(counts),
                            ":handoff", s(handoff.toJson()), ":loaded", s(RebuildStatus.LOADED.name()),
                            ":loading", s(RebuildStatus.LOADING.name()), ":now", s(now)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        } catch (ConditionalCheckFailedException | ResourceNotFoundException e) {
            CatalogRules.requireLoading(id, get(id));
            throw new IllegalStateException("rebuild " + id + " changed while being marked LOADED; run it again", e);
        }
    }

    @Override
    public RebuildEntry updateLive(RebuildId id, Map<SourcePartition, LivePosition> positions) {
        boolean caughtUp = positions.values().stream().allMatch(p -> p.lag() == 0);
        String now = clock.instant().toString();
        Map<String, String> names = new HashMap<>(Map.of("#positions", CatalogItems.POSITIONS,
                "#lastLive", CatalogItems.LAST_LIVE_UPDATE, "#updated", CatalogItems.UPDATED_AT,
                "#status", CatalogItems.STATUS));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":positions", CatalogItems.positions(positions),
                ":now", s(now), ":loaded", s(RebuildStatus.LOADED.name()), ":live", s(RebuildStatus.LIVE.name())));
        // LOADED → LIVE the first time every lag is zero; never back
        String update = "SET #positions = :positions, #lastLive = :now, #updated = :now"
                + (caughtUp ? ", #status = :live" : "");
        try {
            return CatalogItems.fromItem(client.updateItem(b -> b.tableName(tableName)
                    .key(CatalogItems.key(id))
                    .updateExpression(update)
                    .conditionExpression("#status IN (:loaded, :live)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        } catch (ConditionalCheckFailedException | ResourceNotFoundException e) {
            CatalogRules.requireLoaded(id, get(id));
            throw new IllegalStateException("rebuild " + id + " changed during a live update; try again", e);
        }
    }

    @Override
    public RebuildEntry recordVerify(RebuildId id, VerifySummary summary) {
        try {
            return CatalogItems.fromItem(client.updateItem(b -> b.tableName(tableName)
                    .key(CatalogItems.key(id))
                    .updateExpression("SET #verify = :verify, #updated = :now")
                    .conditionExpression("attribute_exists(#id) AND #status <> :retired")
                    .expressionAttributeNames(Map.of("#verify", CatalogItems.LAST_VERIFY, "#updated",
                            CatalogItems.UPDATED_AT, "#id", CatalogItems.ID, "#status", CatalogItems.STATUS))
                    .expressionAttributeValues(Map.of(":verify", CatalogItems.verify(summary),
                            ":now", s(clock.instant().toString()), ":retired", s(RebuildStatus.RETIRED.name())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        } catch (ConditionalCheckFailedException | ResourceNotFoundException e) {
            CatalogRules.requireNotRetired(get(id).orElseThrow(() -> CatalogRules.missing(id)));
            throw new IllegalStateException("rebuild " + id + " changed while its verify was recorded; try again", e);
        }
    }

    @Override
    public RebuildEntry retire(RebuildId id) {
        try {
            return CatalogItems.fromItem(client.updateItem(b -> b.tableName(tableName)
                    .key(CatalogItems.key(id))
                    .updateExpression("SET #status = :retired, #updated = :now")
                    .conditionExpression("attribute_exists(#id) AND #status <> :retired")
                    .expressionAttributeNames(Map.of("#status", CatalogItems.STATUS, "#updated",
                            CatalogItems.UPDATED_AT, "#id", CatalogItems.ID))
                    .expressionAttributeValues(Map.of(":retired", s(RebuildStatus.RETIRED.name()),
                            ":now", s(clock.instant().toString())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        } catch (ConditionalCheckFailedException | ResourceNotFoundException e) {
            // retired already (nothing to change), or no such entry
            return get(id).orElseThrow(() -> CatalogRules.missing(id));
        }
    }

    @Override
    public Optional<RebuildEntry> get(RebuildId id) {
        try {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName)
                    .key(CatalogItems.key(id)).consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(CatalogItems.fromItem(item));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<RebuildEntry> entriesForTable(String table) {
        return scan(ScanRequest.builder().tableName(tableName).consistentRead(true)
                .filterExpression("#table = :table")
                .expressionAttributeNames(Map.of("#table", CatalogItems.TABLE))
                .expressionAttributeValues(Map.of(":table", s(table)))
                .build());
    }

    @Override
    public List<RebuildEntry> all() {
        return scan(ScanRequest.builder().tableName(tableName).consistentRead(true)
                // leases and aliases share the table
                .filterExpression("attribute_not_exists(#owner) AND attribute_not_exists(#aliasVersion)")
                .expressionAttributeNames(Map.of("#owner", LeaseItems.OWNER, "#aliasVersion", AliasItems.VERSION))
                .build());
    }

    private List<RebuildEntry> scan(ScanRequest request) {
        List<RebuildEntry> entries = new ArrayList<>();
        try {
            client.scanPaginator(request).items().forEach(item -> entries.add(CatalogItems.fromItem(item)));
        } catch (ResourceNotFoundException e) {
            return List.of();
        }
        entries.sort(Comparator.comparing(RebuildEntry::id));
        return entries;
    }
}
