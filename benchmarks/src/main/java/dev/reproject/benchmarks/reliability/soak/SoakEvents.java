package dev.reproject.benchmarks.reliability.soak;

import dev.reproject.core.archive.ArchiveFile;
import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.orderhistory.generate.GeneratorOptions;
import dev.reproject.orderhistory.generate.OrderArchiveGenerator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The soak's Order events: a generated archive (realistic FTGO orders, no bad records) read back per partition in
 * offset order, each partition cut at its share of the wanted count, so each key keeps its order.
 */
final class SoakEvents {

    /** One generator run writes ~1.9 events per order: ask for a few more orders than needed. */
    private static final double ORDERS_PER_EVENT = 0.56;

    private SoakEvents() {
    }

    /** Per partition, the values from offset 0 on; {@code events} in all, spread evenly. */
    static List<List<String>> generate(Path dir, long events, int partitions, long seed) throws IOException {
        LocalArchiveStore store = new LocalArchiveStore(dir.toString());
        OrderArchiveGenerator.generate(store, GeneratorOptions.builder()
                .orders(Math.max(1, Math.round(events * ORDERS_PER_EVENT))).partitions(partitions).seed(seed)
                .badFraction(0).gzip(false).build());
        long share = (events + partitions - 1) / partitions;
        List<List<String>> values = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            values.add(new ArrayList<>());
        }
        List<ArchiveFile> files = store.list("").stream().map(ArchiveFileName::parse).flatMap(Optional::stream)
                .sorted(Comparator.comparingInt((ArchiveFile f) -> f.topicPartition().partition())
                        .thenComparingLong(ArchiveFile::startOffset))
                .toList();
        for (ArchiveFile file : files) {
            List<String> partition = values.get(file.topicPartition().partition());
            if (partition.size() >= share) {
                continue;
            }
            if (file.startOffset() != partition.size()) {
                throw new IllegalStateException(file.path() + " starts at " + file.startOffset() + ", expected "
                        + partition.size());
            }
            String text = new String(new ByteArrayInputStream(store.read(file.path())).readAllBytes(),
                    StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (partition.size() < share && !line.isEmpty()) {
                    partition.add(line);
                }
            }
        }
        return values;
    }
}
