package dev.reproject.verify.cli;

import dev.reproject.core.snapshot.SnapshotId;
import dev.reproject.core.verify.KeyClass;
import dev.reproject.verify.VerifyOutcome;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyReportsTest {

    @Test
    void the_text_gives_every_class_the_differences_and_the_report() {
        Map<KeyClass, Long> counts = new EnumMap<>(KeyClass.class);
        for (KeyClass keyClass : KeyClass.values()) {
            counts.put(keyClass, 0L);
        }
        counts.put(KeyClass.EQUAL, 1297L);
        counts.put(KeyClass.DIVERGED, 1L);
        counts.put(KeyClass.MISSING, 2L);
        VerifyOutcome outcome = new VerifyOutcome("orders", new SnapshotId("20261207T095304.543Z"), counts,
                List.of(new VerifyOutcome.Difference("{\"orderId\":{\"S\":\"o1\"}}", KeyClass.DIVERGED, "orderTotal",
                        "{\"S\":\"12.50\"}", "{\"S\":\"999.99\"}"),
                        new VerifyOutcome.Difference("{\"orderId\":{\"S\":\"o2\"}}", KeyClass.MISSING, "(item)",
                                "{\"orderId\":{\"S\":\"o2\"}}", null)),
                "s3a://bucket/snapshots/order-history/verify/run-1.json", 1298, 70.5, 2, 1.0, Optional.empty());

        assertThat(VerifyReports.text(outcome).lines().toList()).containsExactly(
                "reproject verify: table orders against snapshot 20261207T095304.543Z + archive: 1,300 keys checked, "
                        + "3 wrong",
                "  equal 1,297, ahead 0, diverged 1, behind 0, missing 2, extra 0",
                "  read 1,298 items in 2 segments, 70.5 read units",
                "  differences (up to 2 fields; key, class, field, expected, actual):",
                "    {\"orderId\":{\"S\":\"o1\"}}  diverged  orderTotal  expected {\"S\":\"12.50\"}  actual "
                        + "{\"S\":\"999.99\"}",
                "    {\"orderId\":{\"S\":\"o2\"}}  missing  (item)  expected {\"orderId\":{\"S\":\"o2\"}}  actual "
                        + "(absent)",
                "  report: s3a://bucket/snapshots/order-history/verify/run-1.json",
                "  not recorded: the table has no catalog entry");
        assertThat(VerifyReports.toMap(outcome, "us-east-1")).containsEntry("status", "differences")
                .containsEntry("keysChecked", 1300L).containsEntry("rebuild", null);
    }
}
