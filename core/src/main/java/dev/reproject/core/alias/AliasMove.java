package dev.reproject.core.alias;

import dev.reproject.core.catalog.RebuildId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One move of a view's alias: which rebuild's table served the view before and after, when, and how.
 *
 * @param kind   a promotion, or a rollback to the table served before the last move
 * @param from   the rebuild served before; empty for the view's first promotion
 * @param to     the rebuild served after
 * @param at     when the alias moved
 * @param forced whether a promotion skipped its checks ({@code --force}); a rollback is never checked
 * @param note   why, for the history: the checks a forced promotion skipped, or the user's words
 */
public record AliasMove(Kind kind, Optional<RebuildId> from, RebuildId to, Instant at, boolean forced, String note) {

    /** What moved the alias. */
    public enum Kind { PROMOTE, ROLLBACK }

    public AliasMove {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(note, "note");
        if (forced && kind == Kind.ROLLBACK) {
            throw new IllegalArgumentException("a rollback is never forced: it is not checked");
        }
    }
}
