package dev.reproject.core.sample;

import dev.reproject.core.archive.ArchiveStore;

import java.io.IOException;

/**
 * A view's sample-archive generator, found through {@link java.util.ServiceLoader} so that the demo can
 * fill an archive for any view without naming it.
 */
public interface SampleArchiveGenerator {

    /** The view whose topics this writes, e.g. {@code order-history}. */
    String view();

    /** Writes a small realistic archive (a few tens of thousands of events) with some bad records. */
    GenerationReport generateDemo(ArchiveStore store, long seed, double badFraction) throws IOException;
}
