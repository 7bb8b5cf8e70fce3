package dev.reproject.core.verify;

import dev.reproject.core.item.DynamoJson;
import dev.reproject.core.item.Item;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The classes of {@code verify} on hand-written items (two aggregates' markers where it matters). */
class ItemComparisonTest {

    private static final String M1 = "events.Order1";
    private static final String M2 = "events.Ticket7";

    private static Item item(String json) {
        return DynamoJson.readItem(json);
    }

    private static KeyVerdict classify(String expected, String actual) {
        return ItemComparison.classify(Optional.ofNullable(expected).map(ItemComparisonTest::item),
                Optional.ofNullable(actual).map(ItemComparisonTest::item));
    }

    private static final String APPROVED = """
            {"orderId":{"S":"1"},"orderStatus":{"S":"APPROVED"},"orderTotal":{"N":"12.50"},
             "keywords":{"SS":["pizza","bar"]},"events.Order1":{"S":"0002"}}""";

    @Nested
    class Same_markers {

        @Test
        void equal_items_are_equal_with_numbers_by_value_and_sets_unordered() {
            KeyVerdict verdict = classify(APPROVED, """
                    {"orderId":{"S":"1"},"orderStatus":{"S":"APPROVED"},"orderTotal":{"N":"12.5"},
                     "keywords":{"SS":["bar","pizza"]},"events.Order1":{"S":"0002"}}""");
            assertThat(verdict.keyClass()).isEqualTo(KeyClass.EQUAL);
            assertThat(verdict.fields()).isEmpty();
        }

        @Test
        void a_changed_value_diverges_naming_the_field_and_both_values() {
            KeyVerdict verdict = classify(APPROVED, """
                    {"orderId":{"S":"1"},"orderStatus":{"S":"CANCELLED"},"orderTotal":{"N":"12.5"},
                     "keywords":{"SS":["bar","pizza"]},"events.Order1":{"S":"0002"}}""");
            assertThat(verdict.keyClass()).isEqualTo(KeyClass.DIVERGED);
            assertThat(verdict.fields()).containsExactly(
                    new FieldDifference("orderStatus", "{\"S\":\"APPROVED\"}", "{\"S\":\"CANCELLED\"}"));
        }

        @Test
        void an_attribute_only_one_side_has_diverges() {
            KeyVerdict verdict = classify(APPROVED, """
                    {"orderId":{"S":"1"},"orderStatus":{"S":"APPROVED"},"orderTotal":{"N":"12.5"},
                     "events.Order1":{"S":"0002"},"note":{"BOOL":true}}""");
            assertThat(verdict.keyClass()).isEqualTo(KeyClass.DIVERGED);
            assertThat(verdict.fields()).containsExactly(
                    new FieldDifference("keywords", "{\"SS\":[\"bar\",\"pizza\"]}", null),
                    new FieldDifference("note", null, "{\"BOOL\":true}"));
        }

        @Test
        void a_number_of_another_type_diverges() {
            KeyVerdict verdict = classify("""
                    {"k":{"S":"1"},"n":{"N":"5"},"events.Order1":{"S":"0002"}}""", """
                    {"k":{"S":"1"},"n":{"S":"5"},"events.Order1":{"S":"0002"}}""");
            assertThat(verdict.keyClass()).isEqualTo(KeyClass.DIVERGED);
        }
    }

    @Nested
    class Markers {

        @Test
        void a_newer_marker_in_the_table_is_ahead_whatever_else_differs() {
            KeyVerdict verdict = classify(APPROVED, """
                    {"orderId":{"S":"1"},"orderStatus":{"S":"CANCELLED"},"orderTotal":{"N":"12.5"},
                     "keywords":{"SS":["bar","pizza"]},"events.Order1":{"S":"0003"}}""");
            assertThat(verdict.keyClass()).isEqualTo(KeyClass.AHEAD);
            assertThat(verdict.fields()).extracting(FieldDifference::field).containsExactly(M1, "orderStatus");
        }

        @Test
        void an_older_marker_in_the_table_is_behind() {
            KeyVerdict verdict = classify(APPROVED, """
                    {"orderId":{"S":"1"},"orderStatus":{"S":"APPROVAL_PENDING"},"orderTotal":{"N":"12.5"},
                     "keywords":{"SS":["bar","pizza"]},"events.Order1":{"S":"0001"}}""");
            assertThat(verdict.keyClass()).isEqualTo(KeyClass.BEHIND);
            assertThat(verdict.fields()).containsExactly(
                    new FieldDifference(M1, "{\"S\":\"0002\"}", "{\"S\":\"0001\"}"),
                    new FieldDifference("orderStatus", "{\"S\":\"APPROVED\"}", "{\"S\":\"APPROVAL_PENDING\"}"));
        }

        @Test
        void markers_compare_by_utf8_bytes_not_by_java_chars() {
            // as Java chars U+FF5E sorts after U+1F600 (a surrogate pair from D83D), but by UTF-8 bytes, as DynamoDB
            // compares, before it: EF BD 9E < F0 9F 98 80
            String low = "{\"k\":{\"S\":\"1\"},\"" + M1 + "\":{\"S\":\"\uFF5E\"}}";
            String high = "{\"k\":{\"S\":\"1\"},\"" + M1 + "\":{\"S\":\"\uD83D\uDE00\"}}";
            assertThat(classify(high, low).keyClass()).isEqualTo(KeyClass.BEHIND);
            assertThat(classify(low, high).keyClass()).isEqualTo(KeyClass.AHEAD);
        }

        @Test
        void a_marker_the_table_lacks_is_behind_even_when_another_is_ahead() {
            String expected = "{\"k\":{\"S\":\"1\"},\"" + M1 + "\":{\"S\":\"0002\"},\"" + M2 + "\":{\"S\":\"0005\"}}";
            assertThat(classify(expected, "{\"k\":{\"S\":\"1\"},\"" + M1 + "\":{\"S\":\"0009\"}}").keyClass())
                    .isEqualTo(KeyClass.BEHIND);
        }

        @Test
        void a_marker_only_the_table_has_is_ahead() {
            String expected = "{\"k\":{\"S\":\"1\"},\"" + M1 + "\":{\"S\":\"0002\"}}";
            String actual = "{\"k\":{\"S\":\"1\"},\"" + M1 + "\":{\"S\":\"0002\"},\"" + M2 + "\":{\"S\":\"0001\"}}";
            assertThat(classify(expected, actual).keyClass()).isEqualTo(KeyClass.AHEAD);
        }

        @Test
        void a_marker_that_is_not_a_string_is_not_a_marker() {
            String expected = "{\"k\":{\"S\":\"1\"},\"" + M1 + "\":{\"S\":\"0002\"}}";
            String actual = "{\"k\":{\"S\":\"1\"},\"" + M1 + "\":{\"N\":\"2\"}}";
            assertThat(classify(expected, actual).keyClass()).isEqualTo(KeyClass.BEHIND);
        }
    }

    @Nested
    class One_side {

        @Test
        void a_key_the_table_lacks_is_missing_with_the_expected_item() {
            KeyVerdict verdict = classify(APPROVED, null);
            assertThat(verdict.keyClass()).isEqualTo(KeyClass.MISSING);
            assertThat(verdict.fields()).singleElement().satisfies(field -> {
                assertThat(field.field()).isEqualTo(FieldDifference.ITEM);
                assertThat(item(field.expected())).isEqualTo(item(APPROVED));
                assertThat(field.actual()).isNull();
            });
        }

        @Test
        void a_key_only_the_table_has_is_ahead_with_a_marker_and_extra_without() {
            assertThat(classify(null, "{\"orderId\":{\"S\":\"9\"},\"" + M1 + "\":{\"S\":\"0001\"}}").keyClass())
                    .isEqualTo(KeyClass.AHEAD);
            KeyVerdict extra = classify(null, "{\"orderId\":{\"S\":\"9\"},\"orderStatus\":{\"S\":\"APPROVED\"}}");
            assertThat(extra.keyClass()).isEqualTo(KeyClass.EXTRA);
            assertThat(extra.fields()).containsExactly(new FieldDifference(FieldDifference.ITEM, null,
                    "{\"orderId\":{\"S\":\"9\"},\"orderStatus\":{\"S\":\"APPROVED\"}}"));
        }

        @Test
        void neither_side_is_refused() {
            assertThatThrownBy(() -> classify(null, null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void only_diverged_behind_missing_and_extra_are_wrong() {
        assertThat(KeyClass.values()).filteredOn(KeyClass::wrong).extracting(KeyClass::code)
                .containsExactlyInAnyOrder("diverged", "behind", "missing", "extra");
    }
}
