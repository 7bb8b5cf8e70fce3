package dev.reproject.rebuild.imports;

import dev.reproject.aws.dynamodb.write.WriteSummary.RejectedItem;
import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.Item;
import dev.reproject.core.item.ItemSize;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/** One writer task of {@link ImportFiles}: its share of the items as one GZIP file, named by its partition. */
final class ImportFileTask implements FlatMapFunction<Iterator<Row>, ImportFiles.Written> {

    private static final int BUFFER = 1 << 16;

    private final String directory;
    private final Broadcast<SerializableConfiguration> conf;

    ImportFileTask(String directory, Broadcast<SerializableConfiguration> conf) {
        this.directory = directory;
        this.conf = conf;
    }

    @Override
    public Iterator<ImportFiles.Written> call(Iterator<Row> rows) throws IOException {
        long items = 0;
        long bytes = 0;
        List<RejectedItem> tooLarge = new ArrayList<>();
        OutputStream out = null;
        try {
            while (rows.hasNext()) {
                Row row = rows.next();
                Item item = DynamoJson.readItem(row.getAs("item"));
                long size = ItemSize.of(item);
                if (size > ItemSize.MAX_BYTES) { // as BulkWriter: DynamoDB would refuse it
                    tooLarge.add(new RejectedItem(row.getAs("key"), size));
                    continue;
                }
                if (out == null) { // a task without items leaves no file
                    out = open();
                }
                byte[] line = ImportLines.utf8(item); // encoded once: written and counted
                out.write(line);
                items++;
                bytes += line.length;
            }
        } finally {
            if (out != null) {
                out.close();
            }
        }
        return List.of(new ImportFiles.Written(items, bytes, out == null ? 0 : 1, tooLarge)).iterator();
    }

    private OutputStream open() throws IOException {
        Path file = new Path(directory, String.format(Locale.ROOT, "part-%05d.json.gz", TaskContext.getPartitionId()));
        FileSystem fs = file.getFileSystem(conf.value().value());
        return new GZIPOutputStream(fs.create(file, true), BUFFER);
    }
}
