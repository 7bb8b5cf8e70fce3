package dev.reproject.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.util.Optional;

/** The one place reproject's jobs get a SparkSession. */
public final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * @param master the master to use; when empty, {@code spark.master} if spark-submit set it, else
     *               {@code local[*]}
     */
    @SuppressWarnings("SystemConsoleNull") // JDK 17 semantics, see below
    public static SparkSession create(String appName, Optional<String> master, S3aSettings s3) {
        SparkConf conf = new SparkConf().setAppName(appName);
        boolean local = master.or(() -> conf.getOption("spark.master").isDefined()
                ? Optional.of(conf.get("spark.master")) : Optional.empty()).orElse("local[*]").startsWith("local");
        if (master.isPresent()) {
            conf.setMaster(master.get());
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (local) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.sql.shuffle.partitions", "8");
            S3aSettings.localDefaults().forEach((key, value) -> conf.setIfMissing("spark.hadoop." + key, value));
        }
        s3.hadoopConf().forEach((key, value) -> conf.set("spark.hadoop." + key, value));
        // on a terminal, Spark's own progress bar shows how far the stages are (JDK 17: System.console() is null
        // unless both standard streams are a terminal; JDK 22 changed that, so revisit when the runtime moves on)
        conf.setIfMissing("spark.ui.showConsoleProgress", Boolean.toString(System.console() != null));
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
