package dev.reproject.rebuild.imports;

import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.Item;

import java.nio.charset.StandardCharsets;

/**
 * One item as a line of ImportTable's {@code DYNAMODB_JSON} input: {@code {"Item":{...}}}, the item in DynamoDB JSON
 * as {@link DynamoJson} writes it (escaped by Jackson), then a newline.
 */
public final class ImportLines {

    private static final String OPEN = "{\"Item\":";
    private static final String CLOSE = "}\n";

    private ImportLines() {
    }

    public static String line(Item item) {
        return OPEN + DynamoJson.write(item) + CLOSE;
    }

    /** The line in UTF-8, as the files hold it. */
    public static byte[] utf8(Item item) {
        return line(item).getBytes(StandardCharsets.UTF_8);
    }

    /** The line's bytes in UTF-8: what ImportTable bills, uncompressed. */
    public static long bytes(Item item) {
        return utf8(item).length;
    }
}
