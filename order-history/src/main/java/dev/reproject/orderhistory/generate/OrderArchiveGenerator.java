package dev.reproject.orderhistory.generate;

import dev.reproject.core.archive.ArchiveFileName;
import dev.reproject.core.archive.ArchiveStore;
import dev.reproject.core.sample.GenerationReport;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Writes a realistic FTGO Order archive, as Kafka Connect's S3 sink (JSON format) would have archived the
 * topic {@code net.chrisrichardson.ftgo.orderservice.domain.Order}: Eventuate Tram messages, one per line,
 * in files named {@code <topic>+<partition>+<startOffset>.json[.gz]}. The same seed and options give
 * byte-identical files. {@code --append} continues an archive it wrote, from {@value GeneratorState#FILE}.
 */
public final class OrderArchiveGenerator {

    /** The state file at the archive root; readers ignore it (not an archive file name). */
    public static final String STATE_FILE = GeneratorState.FILE;

    private OrderArchiveGenerator() {
    }

    /**
     * Runs once and reports exactly what it wrote.
     *
     * @throws IllegalStateException    when the archive is not empty and {@code append} is off, or
     *                                  {@code append} is on and the archive was not written by this generator
     * @throws IllegalArgumentException when {@code append} is on and a given seed or shape option differs
     *                                  from the archive's
     */
    public static GenerationReport generate(ArchiveStore store, GeneratorOptions options) throws IOException {
        GeneratorState before = options.append() ? stateToContinue(store, options) : emptyArchive(store, options);
        GenerationRun.Result result = new GenerationRun(store, before, options.orders(), options.badFraction(),
                options.revisions()).run();
        store.write(STATE_FILE, result.after().toJson()); // last: commits the run
        return result.report();
    }

    private static GeneratorState emptyArchive(ArchiveStore store, GeneratorOptions options) throws IOException {
        if (store.exists(STATE_FILE)) {
            GeneratorState existing = GeneratorState.fromJson(store.read(STATE_FILE), store.root() + "/" + STATE_FILE);
            throw new IllegalStateException(store.root() + " already holds a generated archive (" + existing.orders()
                    + " orders in " + existing.runs() + " runs): add to it with --append, or choose an empty location");
        }
        Optional<String> archiveFile = firstArchiveFile(store);
        if (archiveFile.isPresent()) {
            throw new IllegalStateException(store.root() + " is not empty: it holds archive files such as "
                    + archiveFile.get() + "; choose an empty location (--append continues only archives"
                    + " written by generate)");
        }
        return GeneratorState.initial(options.newArchiveShape());
    }

    private static GeneratorState stateToContinue(ArchiveStore store, GeneratorOptions options) throws IOException {
        if (!store.exists(STATE_FILE)) {
            String what = firstArchiveFile(store)
                    .map(file -> "its archive files (such as " + file + ") were not written by generate")
                    .orElse("it holds no archive yet: leave out --append to start one");
            throw new IllegalStateException("cannot --append to " + store.root() + ": there is no " + STATE_FILE
                    + " and " + what);
        }
        GeneratorState state = GeneratorState.fromJson(store.read(STATE_FILE), store.root() + "/" + STATE_FILE);
        List<String> conflicts = options.conflictsWith(state.shape());
        if (!conflicts.isEmpty()) {
            throw new IllegalArgumentException("--append continues " + store.root() + " with the seed and shape it"
                    + " was generated with, and these options differ: " + String.join(", ", conflicts)
                    + "; leave them out or give the archive's values");
        }
        return state;
    }

    private static Optional<String> firstArchiveFile(ArchiveStore store) throws IOException {
        return store.list("").stream().filter(path -> ArchiveFileName.parse(path).isPresent()).findFirst();
    }
}
