package dev.reproject.jobjars;

/** The EMR 8 line's jars ({@code *-snapshot-emr.jar}, {@code *-rebuild-emr.jar}) under Spark 4.0. */
class JobJarsIT extends ShadedJobJarsContract {

    @Override
    protected String label() {
        return "emr";
    }
}
