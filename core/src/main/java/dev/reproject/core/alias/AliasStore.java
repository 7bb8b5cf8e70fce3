package dev.reproject.core.alias;

import java.util.List;
import java.util.Optional;

/**
 * Where the views' aliases are kept: items of the catalog table ({@code DynamoAliases}, aws) and
 * {@link InMemoryAliasStore} for unit tests; both pass {@code AliasStoreContract}. A move is one conditional write:
 * of two moves made from the same version, one is refused.
 */
public interface AliasStore {

    /** The view's alias as stored; {@link ViewAlias#unset} when nothing was promoted for it. */
    ViewAlias get(String view);

    /**
     * Stores {@code next} in place of {@code read}, if the stored alias is still at {@code read}'s version.
     *
     * @throws dev.reproject.core.error.BusyException when another move came first, naming the version now stored
     */
    ViewAlias replace(ViewAlias read, ViewAlias next);

    /** Every view with an alias. */
    List<ViewAlias> all();

    /** The view's alias, for readers that follow it (serve): empty when nothing was promoted for it. */
    default Optional<ViewAlias> target(String view) {
        ViewAlias alias = get(view);
        return alias.target().isPresent() ? Optional.of(alias) : Optional.empty();
    }
}
