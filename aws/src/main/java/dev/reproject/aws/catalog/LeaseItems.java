package dev.reproject.aws.catalog;

import dev.reproject.core.lease.Lease;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/**
 * A {@link Lease} as an item of the catalog table: key {@code lease:<name>} (no rebuild id starts so), the owner,
 * the purpose, when it was taken (ISO-8601) and when it expires (epoch milliseconds, for the conditions); a shared
 * lease also its members.
 */
final class LeaseItems {

    static final String KEY_PREFIX = "lease:";
    static final String OWNER = "leaseOwner";
    static final String PURPOSE = "leasePurpose";
    static final String TAKEN_AT = "leaseTakenAt";
    static final String EXPIRES_AT = "leaseExpiresAt";
    /** A shared lease's members: member → when it joined (epoch milliseconds). */
    static final String MEMBERS = "leaseMembers";

    private LeaseItems() {
    }

    static Map<String, AttributeValue> key(String name) {
        return Map.of(CatalogItems.ID, CatalogItems.s(KEY_PREFIX + name));
    }

    static Map<String, AttributeValue> toItem(Lease lease) {
        return Map.of(CatalogItems.ID, CatalogItems.s(KEY_PREFIX + lease.name()),
                OWNER, CatalogItems.s(lease.owner()),
                PURPOSE, CatalogItems.s(lease.purpose()),
                TAKEN_AT, CatalogItems.s(lease.takenAt().toString()),
                EXPIRES_AT, millis(lease.expiresAt()));
    }

    static Lease fromItem(Map<String, AttributeValue> item) {
        String key = item.get(CatalogItems.ID).s();
        return new Lease(key.substring(KEY_PREFIX.length()), item.get(OWNER).s(), item.get(PURPOSE).s(),
                Instant.parse(item.get(TAKEN_AT).s()), Instant.ofEpochMilli(Long.parseLong(item.get(EXPIRES_AT).n())));
    }

    static AttributeValue millis(Instant at) {
        return AttributeValue.builder().n(Long.toString(at.toEpochMilli())).build();
    }
}
