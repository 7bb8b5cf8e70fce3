package dev.reproject.orderhistory.generate;

import dev.reproject.core.archive.LocalArchiveStore;
import dev.reproject.core.reject.RejectReason;
import dev.reproject.core.sample.GenerationReport;
import dev.reproject.core.sample.SampleArchiveGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class OrderHistorySampleArchiveTest {

    @TempDir
    Path dir;

    @Test
    void theDemoFindsItByViewNameAndGetsAnHourlyGzipArchive() throws Exception {
        SampleArchiveGenerator generator = ServiceLoader.load(SampleArchiveGenerator.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(g -> g.view().equals("order-history"))
                .findFirst().orElseThrow();
        LocalArchiveStore store = new LocalArchiveStore(dir.toString());

        GenerationReport report = generator.generateDemo(store, 42, 0.01);

        assertThat(report.events().get("net.chrisrichardson.ftgo.orderservice.api.events.OrderCreatedEvent"))
                .isEqualTo(20_000);
        assertThat(report.rejected(RejectReason.UNREADABLE_FILE)).isPositive();
        assertThat(store.list("topics/")).allMatch(p -> p.endsWith(".json.gz") && p.contains("/hour="));
        assertThat(ArchiveRecount.of(store, store.list("")).asReport()).isEqualTo(report);
    }
}
