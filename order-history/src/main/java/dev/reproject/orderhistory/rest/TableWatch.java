package dev.reproject.orderhistory.rest;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How {@code serve} follows the view's alias: every {@code every} it asks {@code target} which table serves the view
 * and moves to it when it changed (see {@link ServedTable}).
 *
 * @param target the table that serves the view now; throws when that cannot be told (the catalog cannot be read,
 *               the alias names a rebuild the catalog has no more)
 * @param every  how often to ask
 */
public record TableWatch(Supplier<String> target, Duration every) {

    public TableWatch {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the alias is read every more than 0 seconds, was " + every);
        }
    }
}
