package dev.reproject.orderhistory.generate;

import dev.reproject.core.event.TopicPartition;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The directories Kafka Connect's S3 sink puts a file in, under its default {@code topics/} directory. */
public enum ArchiveLayout {

    /** DefaultPartitioner: {@code topics/<topic>/partition=<p>/}. */
    PARTITION {
        @Override
        public String directory(TopicPartition tp, long firstEventMillis) {
            return "topics/" + tp.topic() + "/partition=" + tp.partition();
        }
    },

    /** TimeBasedPartitioner by the record time, UTC: {@code topics/<topic>/year=YYYY/month=MM/day=dd/hour=HH/}. */
    HOURLY {
        @Override
        public String directory(TopicPartition tp, long firstEventMillis) {
            ZonedDateTime t = Instant.ofEpochMilli(firstEventMillis).atZone(ZoneOffset.UTC);
            return String.format("topics/%s/year=%04d/month=%02d/day=%02d/hour=%02d",
                    tp.topic(), t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour());
        }
    };

    /** The directory (no trailing {@code /}) of a file whose first record has the given event time. */
    public abstract String directory(TopicPartition tp, long firstEventMillis);
}
