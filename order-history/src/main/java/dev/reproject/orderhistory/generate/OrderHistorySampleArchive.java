package dev.reproject.orderhistory.generate;

import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.sample.GenerationReport;
import dev.reproject.core.sample.SampleArchiveGenerator;

import java.io.IOException;

/** The demo's archive for the Order History view: 20,000 orders, hourly directories, gzip. */
public final class OrderHistorySampleArchive implements SampleArchiveGenerator {

    static final long DEMO_ORDERS = 20_000;

    @Override
    public String view() {
        return "order-history";
    }

    @Override
    public GenerationReport generateDemo(ArchiveStore store, long seed, double badFraction) throws IOException {
        return OrderArchiveGenerator.generate(store, GeneratorOptions.builder()
                .orders(DEMO_ORDERS)
                .seed(seed)
                .badFraction(badFraction)
                .layout(ArchiveLayout.HOURLY)
                .gzip(true)
                .build());
    }
}
