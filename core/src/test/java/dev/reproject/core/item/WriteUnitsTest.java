package dev.reproject.core.item;

import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.TableSchema.GlobalIndex;
import dev.reproject.core.view.TableSchema.KeyAttribute;
import dev.reproject.core.view.TableSchema.KeyType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WriteUnitsTest {

    private static final TableSchema SCHEMA = new TableSchema("t", new KeyAttribute("id", KeyType.S),
            Optional.empty(), List.of(new GlobalIndex("byOwner", new KeyAttribute("owner", KeyType.S),
                    Optional.of(new KeyAttribute("at", KeyType.N)))));

    @Test
    void oneUnitPerStartedKilobyteAndAtLeastOne() {
        assertThat(WriteUnits.of(0)).isEqualTo(1);
        assertThat(WriteUnits.of(1)).isEqualTo(1);
        assertThat(WriteUnits.of(1024)).isEqualTo(1);
        assertThat(WriteUnits.of(1025)).isEqualTo(2);
        assertThat(WriteUnits.of(409_600)).isEqualTo(400);
    }

    @Test
    void anItemOfExactlyOneKilobyteTakesOneUnitAndOneByteMoreTakesTwo() {
        // "id" (2 bytes) + "x" (1 byte) + a string value: 1,021 + 3 = 1,024 bytes, by hand
        Item oneKb = Item.of(Map.of("id", new AttrValue.S("k"), "x", new AttrValue.S("a".repeat(1020))));
        Item over = oneKb.with("x", new AttrValue.S("a".repeat(1021)));

        assertThat(ItemSize.of(oneKb)).isEqualTo(1024);
        assertThat(WriteUnits.inTable(oneKb)).isEqualTo(1);
        assertThat(WriteUnits.inTable(over)).isEqualTo(2);
    }

    @Test
    void anItemWithTheIndexKeysIsWrittenAgainInTheIndex() {
        Item indexed = Item.of(Map.of("id", new AttrValue.S("k"), "owner", new AttrValue.S("o"), "at",
                new AttrValue.N(BigDecimal.ONE), "x", new AttrValue.S("a".repeat(2000))));
        Item withoutRangeKey = indexed.without("at");

        assertThat(WriteUnits.inTable(indexed)).isEqualTo(2);
        assertThat(WriteUnits.inIndexes(indexed, SCHEMA)).isEqualTo(2);
        assertThat(WriteUnits.inIndexes(withoutRangeKey, SCHEMA)).as("not in a sparse index without its sort key")
                .isZero();
    }
}
