package dev.reproject.rebuild.imports;

import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * How {@code rebuild --import} turns its files into a table: DynamoDB's {@code ImportTable} on AWS
 * ({@link DynamoTableImport}); the tests wire an importer of their own, as dynalite has no {@code ImportTable}.
 */
public interface TableImport {

    /**
     * Refuses, before any work, a directory this import cannot read its files from.
     *
     * @throws IllegalArgumentException naming the directory and why
     */
    void requireReadable(String directory);

    /**
     * Creates the table {@code table} describes from the GZIP-compressed DynamoDB JSON files under {@code directory}
     * and returns once it is ACTIVE with every item.
     *
     * @throws ImportFailedException when the import failed or was cancelled
     */
    ImportResult run(String directory, CreateTableRequest table) throws InterruptedException;
}
