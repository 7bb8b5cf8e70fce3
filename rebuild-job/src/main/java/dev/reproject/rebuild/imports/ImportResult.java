package dev.reproject.rebuild.imports;

import java.util.Objects;

/**
 * What an import reported when it completed.
 *
 * @param importArn      the import's ARN (an importer's own name for it where there is none)
 * @param processedItems items read from the files
 * @param importedItems  items written to the table
 * @param errors         items that could not be imported
 * @param processedBytes bytes of the files as read, uncompressed
 */
public record ImportResult(String importArn, long processedItems, long importedItems, long errors,
                           long processedBytes) {

    public ImportResult {
        Objects.requireNonNull(importArn, "importArn");
    }
}
