package dev.reproject.aws.dynamodb.write;

import dev.reproject.aws.dynamodb.TestDynalite;
import dev.reproject.core.item.AttrValue;
import dev.reproject.core.item.Item;
import dev.reproject.core.view.TableSchema;
import dev.reproject.core.view.TableSchema.KeyAttribute;
import dev.reproject.core.view.TableSchema.KeyType;
import dev.reproject.sandbox.LocalServers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/** Items of about 300 bytes for the write ITs, a table for them on dynalite, and the client. */
final class TestItems {

    /** hash customer (S), range seq (N) */
    static final TableSchema SCHEMA = new TableSchema("bulk", new KeyAttribute("customer", KeyType.S),
            Optional.of(new KeyAttribute("seq", KeyType.N)), List.of());

    private TestItems() {
    }

    static DynamoDbClient client(LocalServers servers) {
        return TestDynalite.client(servers);
    }

    static String createTable(DynamoDbClient client, String prefix) {
        return TestDynalite.createTable(client, prefix, SCHEMA);
    }

    /** {@code count} items with distinct keys, 10 per customer, of every attribute type we model. */
    static List<Item> generate(int count, long seed) {
        Random random = new Random(seed);
        List<Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, AttrValue> attributes = new TreeMap<>();
            attributes.put("customer", AttrValue.s("customer-" + (i / 10)));
            attributes.put("seq", AttrValue.n(i % 10));
            attributes.put("status", AttrValue.s(random.nextBoolean() ? "PLACED" : "SHIPPED"));
            attributes.put("total", AttrValue.n(random.nextInt(1_000_000) + "." + random.nextInt(100)));
            attributes.put("paid", new AttrValue.Bool(random.nextBoolean()));
            attributes.put("note", AttrValue.s(Long.toString(random.nextLong(), 36).repeat(8)));
            attributes.put("lines", new AttrValue.L(List.of(
                    new AttrValue.M(Map.of("sku", AttrValue.s("sku-" + random.nextInt(500)), "qty",
                            AttrValue.n(1 + random.nextInt(9)))),
                    new AttrValue.M(Map.of("sku", AttrValue.s("sku-" + random.nextInt(500)), "qty",
                            AttrValue.n(1 + random.nextInt(9)))))));
            attributes.put("tags", AttrValue.SS.of("t" + random.nextInt(5), "u" + random.nextInt(5)));
            items.add(Item.of(attributes));
        }
        return items;
    }
}
