package dev.reproject.orderhistory.generate;

import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.archive.connect.ArchiveLayout;
import dev.reproject.core.sample.GenerationReport;
import dev.reproject.core.sample.SampleArchiveGenerator;

import java.io.IOException;
import java.util.List;

/**
 * The demo's archive for the Order History view: 20,000 orders, hourly directories, gzip; each append 2,000 more
 * orders and the late transitions of older ones.
 */
public final class OrderHistorySampleArchive implements SampleArchiveGenerator {

    static final long DEMO_ORDERS = 20_000;
    static final long APPENDED_ORDERS = 2_000;

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

    @Override
    public GenerationReport appendDemo(ArchiveStore store, double badFraction) throws IOException {
        return OrderArchiveGenerator.generate(store, GeneratorOptions.builder()
                .orders(APPENDED_ORDERS)
                .badFraction(badFraction)
                .append(true)
                .build());
    }

    /** The history of the consumer with the most orders (the first: consumers are drawn skewed), and order 1. */
    @Override
    public List<List<String>> demoQueries() {
        return List.of(
                List.of("query", "orders", "--consumer", Long.toString(OrderPlan.consumerId(0)), "--page-size", "3"),
                List.of("query", "order", "1"));
    }
}
