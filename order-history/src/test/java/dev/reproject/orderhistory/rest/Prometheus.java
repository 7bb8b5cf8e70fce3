package dev.reproject.orderhistory.rest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one sample of the Prometheus text exposition, as a scraper would. */
final class Prometheus {

    private Prometheus() {
    }

    /**
     * The value of {@code name} for the GET requests of {@code route} answered {@code status}; 0 when there is no
     * such series.
     */
    static long value(String scrape, String name, String route, String status) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{(.*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = sample.matcher(scrape);
        long found = 0;
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("route=\"" + route + "\"") && labels.contains("status=\"" + status + "\"")
                    && labels.contains("method=\"GET\"")) {
                found += (long) Double.parseDouble(m.group(2));
            }
        }
        return found;
    }
}
