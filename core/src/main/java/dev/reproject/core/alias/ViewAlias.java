package dev.reproject.core.alias;

import dev.reproject.core.catalog.RebuildId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which rebuild's table serves a view: what {@code query} and {@code serve} read. It moves only by
 * {@link #promote} and {@link #rollBack}, each a new version written conditionally on the one read, and keeps its
 * last {@value #HISTORY} moves, newest last.
 *
 * @param view    the view's name
 * @param target  the rebuild whose table serves the view; empty before the first promotion
 * @param version 0 before the first move, one more at each
 * @param history the last moves, oldest first
 */
public record ViewAlias(String view, Optional<RebuildId> target, long version, List<AliasMove> history) {

    /** Moves kept. */
    public static final int HISTORY = 20;

    public ViewAlias {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(target, "target");
        if (version < 0) {
            throw new IllegalArgumentException("an alias version is 0 or more, was " + version);
        }
        history = List.copyOf(history);
        if (history.size() > HISTORY) {
            throw new IllegalArgumentException("an alias keeps at most " + HISTORY + " moves, was given "
                    + history.size());
        }
    }

    /** The alias of a view nothing was promoted for yet. */
    public static ViewAlias unset(String view) {
        return new ViewAlias(view, Optional.empty(), 0, List.of());
    }

    /**
     * Serves {@code to} from now on.
     *
     * @throws IllegalStateException when {@code to} serves the view already
     */
    public ViewAlias promote(RebuildId to, Instant at, boolean forced, String note) {
        if (target.isPresent() && target.get().equals(to)) {
            throw new IllegalStateException(to + " serves view " + view + " already");
        }
        return moved(new AliasMove(AliasMove.Kind.PROMOTE, target, to, at, forced, note));
    }

    /**
     * Serves the rebuild served before the last move again: undoes that move.
     *
     * @throws IllegalStateException when there is nothing to go back to
     */
    public ViewAlias rollBack(Instant at, String note) {
        Optional<RebuildId> before = history.isEmpty() ? Optional.empty() : history.get(history.size() - 1).from();
        if (before.isEmpty() || target.isEmpty()) {
            throw new IllegalStateException("view " + view + " has no table to roll back to: "
                    + (target.isEmpty() ? "nothing was promoted yet" : target.get() + " was its first promotion"));
        }
        return moved(new AliasMove(AliasMove.Kind.ROLLBACK, target, before.get(), at, false, note));
    }

    private ViewAlias moved(AliasMove move) {
        List<AliasMove> moves = new ArrayList<>(history);
        moves.add(move);
        List<AliasMove> kept = moves.subList(Math.max(0, moves.size() - HISTORY), moves.size());
        return new ViewAlias(view, Optional.of(move.to()), version + 1, kept);
    }
}
