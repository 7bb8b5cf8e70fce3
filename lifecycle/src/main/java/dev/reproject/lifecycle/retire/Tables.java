package dev.reproject.lifecycle.retire;

/** The view tables {@code retire} deletes: {@link DynamoTables}, and a map in unit tests. */
public interface Tables {

    /**
     * Deletes the table and waits until it is gone.
     *
     * @return whether there was a table to delete (false: it was gone already)
     */
    boolean delete(String table);
}
