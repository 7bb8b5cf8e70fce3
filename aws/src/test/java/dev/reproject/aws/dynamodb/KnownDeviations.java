package dev.reproject.aws.dynamodb;

import dev.reproject.core.item.Action;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.CombinedUpdate;
import dev.reproject.core.item.FoldResult;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.ItemSize;
import dev.reproject.core.item.Numbers;
import dev.reproject.core.item.Update;
import dev.reproject.core.item.Utf8;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.view.TableSchema;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where dynalite 4.0.0 departs from DynamoDB's documented behaviour, which {@link dev.reproject.core.item.UpdateFold}
 * follows. {@link DynaliteDeviationsIT} shows each one on dynalite; {@link UpdateAlgebraAgreementIT} leaves out of
 * its comparison exactly the updates they affect.
 *
 * <p>Further documented DynamoDB limits that dynalite does not check, which the fold does and which
 * {@link RandomSequences} never generates (so nothing needs leaving out), shown in {@link DynaliteDeviationsIT}:
 * nesting deeper than 32 levels, an update expression over 4 KB, a GSI key string over 2,048 (hash) or 1,024
 * (range) bytes, and key sizes (dynalite counts UTF-16 code units there too).
 */
enum KnownDeviations {

    /** dynalite's {@code <} on strings compares UTF-16 code units (JavaScript), DynamoDB compares UTF-8 bytes. */
    MARKER_ORDER("dynalite compares strings by UTF-16 code units, DynamoDB by UTF-8 bytes"),
    /** dynalite accepts an empty string as a GSI key value; DynamoDB refuses it. */
    EMPTY_INDEX_KEY("dynalite accepts an empty string for a GSI key attribute"),
    /** dynalite does not check the result of ADD against DynamoDB's 38 digits and range. */
    ADD_OVERFLOW("dynalite does not check an ADD result against DynamoDB's 38 digits / 1E-130..1E+126"),
    /** dynalite counts UTF-16 code units for names and strings and sizes numbers its own way. */
    ITEM_SIZE("dynalite sizes items by UTF-16 code units and its own number formula, not DynamoDB's UTF-8 rules");

    private final String description;

    KnownDeviations(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /**
     * The deviation that makes dynalite's answer to {@code write} on {@code current} not DynamoDB's, if any. A
     * combined write's condition compares the marker with its first event ID, not the last one it sets.
     */
    static Optional<KnownDeviations> before(TableSchema table, Item current, CombinedUpdate write) {
        Update update = write.update();
        String conditionId = write.firstEventId();
        if (current.get(update.marker().attribute()).orElse(null) instanceof AttrValue.S marker
                && Integer.signum(Utf8.compare(marker.value(), conditionId)) != Integer
                        .signum(marker.value().compareTo(conditionId))) {
            return Optional.of(MARKER_ORDER);
        }
        Set<String> indexKeys = table.allKeyAttributes().stream()
                .map(TableSchema.KeyAttribute::name).collect(Collectors.toSet());
        for (Action action : update.actions()) {
            if (indexKeys.contains(action.attribute()) && emptyString(action)) {
                return Optional.of(EMPTY_INDEX_KEY);
            }
            if (action instanceof Action.Add add && add.value() instanceof AttrValue.N n
                    && overflows(current, add, n)) {
                return Optional.of(ADD_OVERFLOW);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the disagreement between the fold and dynalite is the 400 KB limit measured two ways.
     *
     * @param candidate the item the update makes: the fold's when it applied, dynalite's when dynalite applied
     */
    static boolean isItemSize(FoldResult folded, DynamoOutcome remote, Item candidate) {
        boolean foldTooLarge = folded instanceof FoldResult.Rejected r && r.reason() == RejectReason.ITEM_TOO_LARGE;
        boolean remoteTooLarge = remote.kind() == DynamoOutcome.Kind.REJECTED
                && remote.reason() == RejectReason.ITEM_TOO_LARGE;
        boolean documentedTooLarge = ItemSize.of(candidate) > ItemSize.MAX_BYTES;
        boolean dynaliteTooLarge = DynaliteItemSize.of(candidate) > ItemSize.MAX_BYTES;
        return foldTooLarge && remote.kind() == DynamoOutcome.Kind.APPLIED && documentedTooLarge && !dynaliteTooLarge
                || remoteTooLarge && folded instanceof FoldResult.Applied && !documentedTooLarge && dynaliteTooLarge;
    }

    private static boolean emptyString(Action action) {
        AttrValue value = action instanceof Action.Set set ? set.value()
                : action instanceof Action.SetIfNotExists set ? set.value() : null;
        return value instanceof AttrValue.S s && s.value().isEmpty();
    }

    private static boolean overflows(Item current, Action.Add add, AttrValue.N n) {
        BigDecimal sum = n.value();
        AttrValue before = current.get(add.attribute()).orElse(null);
        if (before instanceof AttrValue.N number) {
            sum = sum.add(number.value());
        } else if (before != null) {
            return false; // a type mismatch: both refuse it
        }
        try {
            Numbers.check(sum);
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
