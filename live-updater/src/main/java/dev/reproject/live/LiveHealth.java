package dev.reproject.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Whether a live process is healthy ({@code GET /health}): it is consuming, and no partition it has lags by more
 * than {@code maxLag} records. A member with no partitions (more processes than partitions) is healthy.
 *
 * @param running whether the run is consuming (registered, and not ended)
 * @param lag     the largest lag of its partitions; empty when it has none yet
 * @param maxLag  the most lag that is healthy ({@code --max-lag}); empty: any
 */
public record LiveHealth(boolean running, OptionalLong lag, OptionalLong maxLag) {

    public boolean healthy() {
        return running && !(lag.isPresent() && maxLag.isPresent() && lag.getAsLong() > maxLag.getAsLong());
    }

    /** {@code {"status":"UP"|"DOWN","running":…,"lag":…,"maxLag":…,"reason":…}} (lag and maxLag when known). */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", healthy() ? "UP" : "DOWN");
        out.put("running", running);
        lag.ifPresent(n -> out.put("lag", n));
        maxLag.ifPresent(n -> out.put("maxLag", n));
        if (!running) {
            out.put("reason", "not consuming (starting, or stopped)");
        } else if (!healthy()) {
            out.put("reason", "lag " + lag.getAsLong() + " is above --max-lag " + maxLag.getAsLong());
        }
        return out;
    }
}
