package dev.reproject.lifecycle.alias;

import dev.reproject.core.alias.AliasMove;

import java.util.List;
import java.util.Objects;

/**
 * What {@code promote} or {@code rollback} did: the alias moved, it was refused (each reason named), or it already
 * served the rebuild asked for.
 */
public sealed interface AliasOutcome {

    /** The alias moved; {@code overridden} lists the checks a forced promotion skipped (empty otherwise). */
    record Moved(String view, AliasMove move, List<String> overridden) implements AliasOutcome {

        public Moved {
            Objects.requireNonNull(view, "view");
            Objects.requireNonNull(move, "move");
            overridden = List.copyOf(overridden);
        }

        /** {@code order-history: t-blue@… → t-green@…}, the first promotion from {@code (nothing)}. */
        public String describe() {
            return view + ": " + move.from().map(Object::toString).orElse("(nothing)") + " → " + move.to();
        }
    }

    /** Nothing moved, for these reasons. */
    record Refused(List<String> reasons) implements AliasOutcome {

        public Refused {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a refusal names at least one reason");
            }
        }
    }

    /** Nothing moved: the rebuild asked for serves the view already. */
    record Unchanged(String view, String reason) implements AliasOutcome {
    }
}
