package dev.reproject.rebuild.imports;

import dev.reproject.aws.dynamodb.write.WriteSummary;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

import java.io.IOException;
import java.util.Objects;

/**
 * The load of {@code rebuild --import}: the items written as files, then the table created from them by the import,
 * which must have imported exactly the items the files hold.
 *
 * @param directory where the files are
 * @param files     what the files hold
 * @param result    what the import reported
 */
public record ImportLoad(String directory, ImportFiles.Written files, ImportResult result) {

    public ImportLoad {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(result, "result");
    }

    public static ImportLoad run(SparkSession spark, Dataset<Row> items, String directory, TableImport importer,
                                 CreateTableRequest table)
            throws IOException, InterruptedException {
        ImportFiles.Written files = ImportFiles.write(spark, items, directory);
        return checked(new ImportLoad(directory, files, importer.run(directory, table)), table.tableName());
    }

    /**
     * The load, if the import took every item of the files and no other.
     *
     * @throws ImportFailedException when it imported another count, or reported errors
     */
    static ImportLoad checked(ImportLoad load, String table) {
        ImportResult result = load.result();
        if (result.importedItems() != load.files().items() || result.errors() != 0) {
            throw new ImportFailedException("import " + result.importArn() + " of table " + table + " imported "
                    + result.importedItems() + " items of the " + load.files().items() + " in " + load.directory()
                    + " (" + result.processedItems() + " processed, " + result.errors() + " errors; details in "
                    + "CloudWatch Logs, log group /aws-dynamodb/imports): the table is not the rebuild's. Delete it "
                    + "and run the rebuild again");
        }
        return load;
    }

    /** The load as the entry and the summary count writes: the items imported, no write calls. */
    public WriteSummary asWrites() {
        return new WriteSummary(result.importedItems(), 0, 0, 0, 0, files.tooLarge());
    }
}
