package dev.reproject.live.cli;

import dev.reproject.live.LiveHealth;
import dev.reproject.live.LiveMetrics;
import dev.reproject.live.LiveRun;
import dev.reproject.live.MetricsEndpoint;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The meters of one {@code live} process and, with {@code --metrics-port}, the endpoint that serves them and its
 * health; without it, meters nobody scrapes.
 */
final class LiveEndpoints implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveEndpoints.class);

    private final LiveMetrics metrics;
    private final Optional<MetricsEndpoint> endpoint;
    private final AtomicReference<LiveRun> run;

    private LiveEndpoints(LiveMetrics metrics, Optional<MetricsEndpoint> endpoint, AtomicReference<LiveRun> run) {
        this.metrics = metrics;
        this.endpoint = endpoint;
        this.run = run;
    }

    /** @throws IllegalStateException when the address cannot be bound */
    static LiveEndpoints start(Optional<InetSocketAddress> address, Long maxLag) {
        if (address.isEmpty()) {
            return new LiveEndpoints(LiveMetrics.unpublished(), Optional.empty(), new AtomicReference<>());
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        LiveMetrics metrics = new LiveMetrics(registry);
        AtomicReference<LiveRun> run = new AtomicReference<>();
        OptionalLong limit = maxLag == null ? OptionalLong.empty() : OptionalLong.of(maxLag);
        try {
            MetricsEndpoint endpoint = MetricsEndpoint.start(address.get(), registry, () -> {
                LiveRun current = run.get();
                return new LiveHealth(current != null && current.consuming(), metrics.maxLag(), limit);
            });
            log.info("metrics on {}/metrics, health on {}/health", endpoint.uri(), endpoint.uri());
            return new LiveEndpoints(metrics, Optional.of(endpoint), run);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve metrics on " + address.get() + ": " + e.getMessage(), e);
        }
    }

    LiveMetrics metrics() {
        return metrics;
    }

    /** From now on, {@code /health} tells whether this run is consuming. */
    void watch(LiveRun live) {
        run.set(live);
    }

    @Override
    public void close() {
        endpoint.ifPresent(MetricsEndpoint::close);
    }
}
