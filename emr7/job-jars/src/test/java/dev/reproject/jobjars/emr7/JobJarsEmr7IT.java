package dev.reproject.jobjars.emr7;

import dev.reproject.jobjars.ShadedJobJarsContract;

/**
 * The EMR 7 line's jars ({@code *-snapshot-emr7.jar}, {@code *-rebuild-emr7.jar}) under Spark 3.5 / Scala 2.12,
 * Hadoop 3.4.1 and Spark's own Jackson 2.15: this module's test class path.
 */
class JobJarsEmr7IT extends ShadedJobJarsContract {

    @Override
    protected String label() {
        return "emr7";
    }
}
