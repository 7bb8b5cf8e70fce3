package dev.reproject.cli;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

import java.util.Locale;

/**
 * {@code --log-format text|json}: log lines as text, or one JSON object each (Elastic Common Schema, log4j's
 * {@code JsonTemplateLayout}), on stderr. {@code log4j2.xml} chooses by the system property set here (or, at start,
 * by {@code REPROJECT_LOG_FORMAT}); logging is then configured again.
 */
final class LogFormats {

    static final String PROPERTY = "reproject.log.format";

    private LogFormats() {
    }

    /** @throws IllegalArgumentException for a format other than text or json */
    static void use(String format) {
        String chosen = format.trim().toLowerCase(Locale.ROOT);
        if (!chosen.equals("text") && !chosen.equals("json")) {
            throw new IllegalArgumentException("--log-format must be text or json, was '" + format + "'");
        }
        if (chosen.equals(System.getProperty(PROPERTY))) {
            return;
        }
        System.setProperty(PROPERTY, chosen);
        if (LogManager.getContext(false) instanceof LoggerContext context) {
            context.reconfigure();
        }
    }
}
