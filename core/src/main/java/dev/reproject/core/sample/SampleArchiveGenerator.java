package dev.reproject.core.sample;

import dev.reproject.core.archive.ArchiveStore;

import java.io.IOException;
import java.util.List;

/**
 * A view's sample-archive generator, found through {@link java.util.ServiceLoader} so that the demo can
 * fill an archive for any view without naming it.
 */
public interface SampleArchiveGenerator {

    /** The view whose topics this writes, e.g. {@code order-history}. */
    String view();

    /** Writes a small realistic archive (a few tens of thousands of events) with some bad records. */
    GenerationReport generateDemo(ArchiveStore store, long seed, double badFraction) throws IOException;

    /**
     * Continues the archive {@link #generateDemo} wrote (or an earlier call of this) with later events: new
     * aggregates and later events of older ones, at the next offsets.
     */
    GenerationReport appendDemo(ArchiveStore store, double badFraction) throws IOException;

    /**
     * Command lines (without {@code reproject}) of the view's query commands that show what the demo built,
     * e.g. one consumer's order history and one order; empty when the view has no query commands.
     */
    List<List<String>> demoQueries();
}
