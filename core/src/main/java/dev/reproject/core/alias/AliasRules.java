package dev.reproject.core.alias;

import dev.reproject.core.error.BusyException;

/** What every {@link AliasStore} checks and says alike. */
public final class AliasRules {

    private AliasRules() {
    }

    /** @throws IllegalArgumentException unless {@code next} is one move after {@code read}, of the same view */
    public static void requireSuccessor(ViewAlias read, ViewAlias next) {
        if (!next.view().equals(read.view()) || next.version() != read.version() + 1) {
            throw new IllegalArgumentException("alias version " + next.version() + " of view " + next.view()
                    + " does not follow version " + read.version() + " of view " + read.view());
        }
    }

    public static BusyException movedMeanwhile(ViewAlias read, ViewAlias stored) {
        return new BusyException("the alias of view " + read.view() + " moved since it was read (version "
                + read.version() + ", now " + stored.version() + ", serving "
                + stored.target().map(Object::toString).orElse("nothing") + "): nothing was changed; look at "
                + "'reproject status' and run again");
    }
}
