package dev.reproject.orderhistory.query;

import dev.reproject.core.error.NotFoundException;

/** The view's table does not exist: a server-side problem for REST, exit 4 for {@code reproject query}. */
public final class TableNotFoundException extends NotFoundException {

    public TableNotFoundException(String table) {
        super("table " + table + " does not exist (check --table, the catalog, --region and --dynamodb-endpoint)");
    }
}
