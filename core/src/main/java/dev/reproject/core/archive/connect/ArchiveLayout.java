package dev.reproject.core.archive.connect;

import dev.reproject.core.event.SourcePartition;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The directories Kafka Connect's S3 sink puts a file in, under its default {@code topics/} directory. */
public enum ArchiveLayout {

    /** DefaultPartitioner: {@code topics/<topic>/partition=<p>/}. */
    PARTITION {
        @Override
        public String directory(SourcePartition tp, long firstRecordMillis) {
            return "topics/" + tp.topic() + "/partition=" + tp.partition();
        }
    },

    /** TimeBasedPartitioner by the record time, UTC: {@code topics/<topic>/year=YYYY/month=MM/day=dd/hour=HH/}. */
    HOURLY {
        @Override
        public String directory(SourcePartition tp, long firstRecordMillis) {
            ZonedDateTime t = Instant.ofEpochMilli(firstRecordMillis).atZone(ZoneOffset.UTC);
            return String.format("topics/%s/year=%04d/month=%02d/day=%02d/hour=%02d",
                    tp.topic(), t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour());
        }
    };

    /** The directory (no trailing {@code /}) of a file whose first record has the given time (epoch ms). */
    public abstract String directory(SourcePartition tp, long firstRecordMillis);
}
