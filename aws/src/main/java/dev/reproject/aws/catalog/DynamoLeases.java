package dev.reproject.aws.catalog;

import dev.reproject.core.lease.Lease;
import dev.reproject.core.lease.LeaseRules;
import dev.reproject.core.lease.LeaseStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Leases as items of the catalog table (CONTRACT.md §6.10), each taken, renewed and released by one conditional
 * write, so two runs asking at once cannot both get one. Expiry is compared with the asking run's clock: clocks
 * must agree to within the keeper's safety margin (a sixth of the time to live).
 */
public final class DynamoLeases implements LeaseStore {

    /** Attempts when a lease changes hands between our write and our read of it. */
    private static final int ATTEMPTS = 3;

    private final DynamoCatalog catalog;
    private final DynamoDbClient client;
    private final Clock clock;

    DynamoLeases(DynamoCatalog catalog, DynamoDbClient client, Clock clock) {
        this.catalog = catalog;
        this.client = client;
        this.clock = clock;
    }

    @Override
    public Lease acquire(String name, String owner, String purpose, Duration ttl) {
        return take(name, owner, Optional.empty(), purpose, ttl);
    }

    /**
     * Joins a lease {@code owner} holds (one conditional update adding the member and extending the expiry), else
     * takes it afresh with this member alone (as {@link #acquire}, so the members of an expired lease no longer
     * count).
     */
    @Override
    public Lease join(String name, String owner, String member, String purpose, Duration ttl) {
        return take(name, owner, Optional.of(member), purpose, ttl);
    }

    private Lease take(String name, String owner, Optional<String> member, String purpose, Duration ttl) {
        catalog.createIfMissing();
        for (int attempt = 1;; attempt++) {
            Instant now = clock.instant();
            if (member.isPresent()) {
                Optional<Lease> joined = joinHeld(name, owner, member.get(), now.plus(ttl), now);
                if (joined.isPresent()) {
                    return joined.get();
                }
            }
            Lease lease = new Lease(name, owner, purpose, now, now.plus(ttl));
            Map<String, AttributeValue> item = new HashMap<>(LeaseItems.toItem(lease));
            member.ifPresent(m -> item.put(LeaseItems.MEMBERS, AttributeValue.fromM(Map.of(m,
                    LeaseItems.millis(now)))));
            try {
                client.putItem(b -> b.tableName(catalog.tableName()).item(item)
                        .conditionExpression("attribute_not_exists(#owner) OR #expires <= :now OR #owner = :owner")
                        .expressionAttributeNames(Map.of("#owner", LeaseItems.OWNER,
                                "#expires", LeaseItems.EXPIRES_AT))
                        .expressionAttributeValues(Map.of(":now", LeaseItems.millis(now),
                                ":owner", CatalogItems.s(owner))));
                return lease;
            } catch (ConditionalCheckFailedException e) {
                Optional<Lease> holder = current(name);
                Instant at = clock.instant();
                if (holder.isPresent() && holder.get().heldAt(at) && !holder.get().owner().equals(owner)
                        || attempt == ATTEMPTS) {
                    throw LeaseRules.busy(name, purpose, holder.orElse(lease), at);
                }
            }
        }
    }

    /** Adds {@code member} to the lease when {@code owner} holds it now; empty when it does not. */
    private Optional<Lease> joinHeld(String name, String owner, String member, Instant expires, Instant now) {
        try {
            Map<String, AttributeValue> item = client.updateItem(b -> b.tableName(catalog.tableName())
                    .key(LeaseItems.key(name))
                    .updateExpression("SET #expires = :expires, #members.#member = :now")
                    .conditionExpression("#owner = :owner AND #expires > :now AND attribute_exists(#members)")
                    .expressionAttributeNames(Map.of("#owner", LeaseItems.OWNER, "#expires", LeaseItems.EXPIRES_AT,
                            "#members", LeaseItems.MEMBERS, "#member", member))
                    .expressionAttributeValues(Map.of(":owner", CatalogItems.s(owner),
                            ":expires", LeaseItems.millis(expires), ":now", LeaseItems.millis(now)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(LeaseItems.fromItem(item));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public Lease renew(Lease lease, Duration ttl) {
        Instant expires = clock.instant().plus(ttl);
        try {
            client.updateItem(b -> b.tableName(catalog.tableName()).key(LeaseItems.key(lease.name()))
                    .updateExpression("SET #expires = :expires")
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", LeaseItems.OWNER, "#expires", LeaseItems.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":owner", CatalogItems.s(lease.owner()),
                            ":expires", LeaseItems.millis(expires))));
            return lease.expiringAt(expires);
        } catch (ConditionalCheckFailedException e) {
            throw LeaseRules.lost(lease, current(lease.name()).map(holder -> "it was taken over by "
                    + holder.describe()).orElse("it was released"));
        } catch (ResourceNotFoundException e) {
            throw LeaseRules.lost(lease, "the catalog table " + catalog.tableName() + " is gone");
        }
    }

    @Override
    public void release(Lease lease) {
        try {
            client.deleteItem(b -> b.tableName(catalog.tableName()).key(LeaseItems.key(lease.name()))
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", LeaseItems.OWNER))
                    .expressionAttributeValues(Map.of(":owner", CatalogItems.s(lease.owner()))));
        } catch (ConditionalCheckFailedException | ResourceNotFoundException e) {
            // not ours any more, or no catalog: nothing to give up
        }
    }

    /** Removes the member, then deletes the lease if it has no member left (two conditional writes). */
    @Override
    public void leave(Lease lease, String member) {
        Map<String, String> names = Map.of("#owner", LeaseItems.OWNER, "#members", LeaseItems.MEMBERS,
                "#member", member);
        Map<String, AttributeValue> owner = Map.of(":owner", CatalogItems.s(lease.owner()));
        try {
            client.updateItem(b -> b.tableName(catalog.tableName()).key(LeaseItems.key(lease.name()))
                    .updateExpression("REMOVE #members.#member")
                    .conditionExpression("#owner = :owner AND attribute_exists(#members)")
                    .expressionAttributeNames(names).expressionAttributeValues(owner));
            client.deleteItem(b -> b.tableName(catalog.tableName()).key(LeaseItems.key(lease.name()))
                    .conditionExpression("#owner = :owner AND size(#members) = :none")
                    .expressionAttributeNames(Map.of("#owner", LeaseItems.OWNER, "#members", LeaseItems.MEMBERS))
                    .expressionAttributeValues(Map.of(":owner", CatalogItems.s(lease.owner()),
                            ":none", AttributeValue.fromN("0"))));
        } catch (ConditionalCheckFailedException | ResourceNotFoundException e) {
            // not ours any more, other members are left, or no catalog: nothing to give up
        }
    }

    @Override
    public Optional<Lease> current(String name) {
        try {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(catalog.tableName())
                    .key(LeaseItems.key(name)).consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(LeaseItems.fromItem(item));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }
}
