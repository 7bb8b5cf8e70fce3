package dev.reproject.oracle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The Order History table an archive in S3 should give, worked out from CONTRACT.md §3 and §4 alone, for tests: the
 * objects listed and read with the AWS SDK, each line parsed with Jackson, and each partition's events applied
 * in offset order under the marker rule. None of reproject's reading, decoding, view or fold code takes part,
 * so a test comparing the two compares two readings of the spec. {@link #ofRecords} does the same for records
 * a test consumed from Kafka itself.
 */
public final class ExpectedOrderHistory {

    public static final String TOPIC = "net.chrisrichardson.ftgo.orderservice.domain.Order";
    public static final String AGGREGATE_TYPE = "net.chrisrichardson.ftgo.orderservice.domain.Order";
    private static final String EVENTS = "net.chrisrichardson.ftgo.orderservice.api.events.";
    private static final Map<String, String> STATUS_OF = Map.of(
            EVENTS + "OrderAuthorized", "APPROVED",
            EVENTS + "OrderRejected", "REJECTED",
            EVENTS + "OrderCancelled", "CANCELLED");
    private static final String ORDER_CREATED = EVENTS + "OrderCreatedEvent";
    private static final String REVISION_PROPOSED = EVENTS + "OrderRevisionProposed";
    private static final String REVISED = EVENTS + "OrderRevised";

    /** {@code <topic>+<partition>+<startOffset>.json[.gz]}; topic names cannot hold '+'. */
    private static final Pattern FILE_NAME = Pattern.compile("([^+]+)\\+(\\d+)\\+(\\d+)\\.json(\\.gz)?");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d+");
    private static final Instant EARLIEST_ID_TIME = Instant.parse("2000-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Rules rules;
    private final Map<String, Map<String, AttributeValue>> items = new HashMap<>();
    /** {@link Rules#WITH_REVISIONS}: per order id, its line items' price and current quantity by menu item id. */
    private final Map<String, Map<String, BigDecimal[]>> lineItems = new HashMap<>();
    /** Per order id, where its first and its last applied event sit. */
    private final Map<String, Applied> appliedAt = new HashMap<>();
    private final Map<String, Long> rejected = new TreeMap<>();
    private final Map<Integer, TreeMap<Long, String>> lines = new TreeMap<>();
    /** Per partition and offset, what the fold made of the record: an {@link Outcome} name or a reason code. */
    private final Map<Integer, TreeMap<Long, String>> outcomes = new TreeMap<>();
    private final List<String> holes = new ArrayList<>();
    private long duplicateRecords;
    private long skipped;
    private long applied;
    private long duplicateEvents;

    /** The partition of an item's events, and the offsets of the first and the last one applied. */
    public record Applied(int partition, long first, long last) {
    }

    private record ArchiveFile(String key, int partition, long start, boolean gzip) {
    }

    /** A line that made it through decoding. */
    private record Event(String id, String type, String aggregateType, String aggregateId, long timeMillis,
                         JsonNode payload) {
    }

    /** What the line was rejected for; thrown and caught within this class only. */
    private static final class Rejected extends Exception {
        final String reason;

        Rejected(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }
    }

    /** What the fold made of a record that was not rejected. */
    public enum Outcome {
        /** a handled event that changed its item */
        APPLIED,
        /** a handled event whose ID was not above its aggregate's marker */
        DUPLICATE,
        /** an event type (or aggregate type) the view does not handle */
        SKIPPED
    }

    /** Which view's rules: the contract's {@code order-history}, or {@code order-history-revisions}. */
    public enum Rules {
        /** CONTRACT §4: revisions are skipped */
        ORDER_HISTORY,
        /**
         * Also revisions: {@code OrderRevisionProposed} sets {@code REVISION_PENDING}; {@code OrderRevised} sets
         * {@code APPROVED} and the total, worked out here from the created order's prices and the revised
         * quantities (the payload's {@code newOrderTotal} only where the order's creation was not seen)
         */
        WITH_REVISIONS
    }

    private ExpectedOrderHistory(Rules rules) {
        this.rules = rules;
    }

    /** Reads every archive file of the Order topic under {@code s3://bucket/prefix/} and folds it. */
    public static ExpectedOrderHistory of(S3Client s3, String bucket, String prefix) throws IOException {
        ExpectedOrderHistory expected = new ExpectedOrderHistory(Rules.ORDER_HISTORY);
        expected.read(s3, bucket, prefix.endsWith("/") ? prefix : prefix + "/");
        expected.fold();
        return expected;
    }

    /**
     * Folds records taken straight from Kafka, as a test consumed them: per partition, offset → value as UTF-8
     * text ({@code null} for a record without a value, which is {@code not-json}). Offsets missing from a
     * partition, from 0 on, are reported as {@link #holes()}.
     */
    public static ExpectedOrderHistory ofRecords(Map<Integer, ? extends Map<Long, String>> records) {
        return ofRecords(records, Rules.ORDER_HISTORY);
    }

    /** {@link #ofRecords(Map)} under the given view's rules. */
    public static ExpectedOrderHistory ofRecords(Map<Integer, ? extends Map<Long, String>> records, Rules rules) {
        ExpectedOrderHistory expected = new ExpectedOrderHistory(rules);
        records.forEach((partition, byOffset) -> expected.lines.put(partition, new TreeMap<>(byOffset)));
        expected.findHoles();
        expected.fold();
        return expected;
    }

    /**
     * What the fold made of the records of {@code partition} from offset {@code from} to {@code to} (both
     * inclusive): counts by {@link Outcome} name and by reason code of the rejected ones.
     */
    public Map<String, Long> outcomes(int partition, long from, long to) {
        Map<String, Long> counts = new TreeMap<>();
        if (from <= to) {
            outcomes.getOrDefault(partition, new TreeMap<>()).subMap(from, true, to, true).values()
                    .forEach(outcome -> counts.merge(outcome, 1L, Long::sum));
        }
        return counts;
    }

    /** Per order id, the item with its marker. */
    public Map<String, Map<String, AttributeValue>> items() {
        return items;
    }

    /** Per order id, where the events that made its item sit in the archive. */
    public Map<String, Applied> appliedAt() {
        return appliedAt;
    }

    /** Rejected records by reason code ({@code unreadable-file} counts files). */
    public Map<String, Long> rejected() {
        return rejected;
    }

    public long rejected(String reason) {
        return rejected.getOrDefault(reason, 0L);
    }

    /** Distinct offsets read. */
    public long records() {
        return lines.values().stream().mapToLong(Map::size).sum();
    }

    /** Lines read again at an offset already read (re-delivered copies). */
    public long duplicateRecords() {
        return duplicateRecords;
    }

    /** Events of types the view does not handle. */
    public long skipped() {
        return skipped;
    }

    public long applied() {
        return applied;
    }

    /** Events whose ID was not above their aggregate's marker. */
    public long duplicateEvents() {
        return duplicateEvents;
    }

    /** Offset ranges missing inside a partition, or before its first record: none expected here. */
    public List<String> holes() {
        return holes;
    }

    /** The last offset of each partition. */
    public Map<Integer, Long> endOffsets() {
        Map<Integer, Long> ends = new TreeMap<>();
        lines.forEach((partition, byOffset) -> ends.put(partition, byOffset.lastKey()));
        return ends;
    }

    private void read(S3Client s3, String bucket, String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().forEach(o -> keys.add(o.key()));
        read(keys, key -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
    }

    /** Reads every archive file of the Order topic under the local directory {@code root} and folds it. */
    public static ExpectedOrderHistory ofDirectory(Path root) throws IOException {
        return ofDirectory(root, Rules.ORDER_HISTORY);
    }

    /** {@link #ofDirectory(Path)} under the given view's rules. */
    public static ExpectedOrderHistory ofDirectory(Path root, Rules rules) throws IOException {
        ExpectedOrderHistory expected = new ExpectedOrderHistory(rules);
        List<String> keys;
        try (Stream<Path> files = Files.walk(root)) {
            keys = files.filter(Files::isRegularFile).map(Path::toString).toList();
        }
        expected.read(keys, key -> {
            try {
                return Files.readAllBytes(Path.of(key));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        expected.fold();
        return expected;
    }

    private void read(List<String> keys, Function<String, byte[]> fetch) {
        List<ArchiveFile> archiveFiles = new ArrayList<>();
        for (String key : keys) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            Matcher m = FILE_NAME.matcher(name);
            if (name.startsWith("_") || name.startsWith(".") || !m.matches() || !m.group(1).equals(TOPIC)) {
                continue;
            }
            archiveFiles.add(new ArchiveFile(key, Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                    m.group(4) != null));
        }
        // the first file holding an offset gives it; copies are byte-identical, so the choice only fixes the count
        archiveFiles.sort(Comparator.comparingInt(ArchiveFile::partition).thenComparingLong(ArchiveFile::start)
                .thenComparing(ArchiveFile::key));
        for (ArchiveFile file : archiveFiles) {
            byte[] bytes = fetch.apply(file.key());
            Optional<byte[]> content = file.gzip() ? gunzip(bytes) : Optional.of(bytes);
            if (content.isEmpty()) {
                count("unreadable-file");
                continue;
            }
            List<String> fileLines = splitLines(content.get());
            TreeMap<Long, String> partition = lines.computeIfAbsent(file.partition(), p -> new TreeMap<>());
            for (int i = 0; i < fileLines.size(); i++) {
                if (partition.putIfAbsent(file.start() + i, fileLines.get(i)) != null) {
                    duplicateRecords++;
                }
            }
        }
        findHoles();
    }

    private void findHoles() {
        lines.forEach((partition, byOffset) -> {
            long next = 0;
            for (long offset : byOffset.keySet()) {
                if (offset != next) {
                    holes.add("partition " + partition + " offsets " + next + ".." + (offset - 1));
                }
                next = offset + 1;
            }
        });
    }

    /** The whole stream, or empty for a corrupt one: a corrupt gzip makes the whole file unreadable. */
    private static Optional<byte[]> gunzip(byte[] compressed) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** One record per line, every line counting; a blank trailing line (a final newline) is not a record. */
    private static List<String> splitLines(byte[] content) {
        List<String> result = new ArrayList<>(
                Arrays.asList(new String(content, StandardCharsets.UTF_8).split("\n", -1)));
        if (!result.isEmpty() && result.get(result.size() - 1).isBlank()) {
            result.remove(result.size() - 1);
        }
        return result;
    }

    private void fold() {
        Instant latestIdTime = Instant.now().plus(Duration.ofDays(1));
        for (Map.Entry<Integer, TreeMap<Long, String>> partition : lines.entrySet()) {
            for (Map.Entry<Long, String> line : partition.getValue().entrySet()) {
                String outcome;
                try {
                    Event event = decode(line.getValue(), latestIdTime);
                    long skippedBefore = skipped;
                    if (apply(event)) {
                        appliedAt.merge(event.aggregateId(),
                                new Applied(partition.getKey(), line.getKey(), line.getKey()),
                                (before, now) -> new Applied(before.partition(), before.first(), now.last()));
                        outcome = Outcome.APPLIED.name();
                    } else {
                        outcome = (skipped > skippedBefore ? Outcome.SKIPPED : Outcome.DUPLICATE).name();
                    }
                } catch (Rejected r) {
                    count(r.reason);
                    outcome = r.reason;
                }
                outcomes.computeIfAbsent(partition.getKey(), p -> new TreeMap<>()).put(line.getKey(), outcome);
            }
        }
    }

    private static Event decode(String line, Instant latestIdTime) throws Rejected {
        if (line == null) { // a Kafka record without a value (a tombstone)
            throw new Rejected("not-json");
        }
        JsonNode message = parse(line, "not-json");
        if (message.isTextual()) { // Connect's StringConverter: a JSON string holding the message
            message = parse(message.textValue(), "not-json");
        }
        if (!message.isObject()) {
            throw new Rejected("not-json");
        }
        JsonNode headers = message.path("headers");
        String id = header(headers, "ID");
        String type = header(headers, "event-type");
        String aggregateType = header(headers, "event-aggregate-type");
        String aggregateId = header(headers, "event-aggregate-id");
        long time = eventTime(headers.path("DATE"), id, latestIdTime);
        JsonNode payloadText = message.path("payload");
        if (!payloadText.isTextual()) {
            throw new Rejected("bad-payload");
        }
        JsonNode payload = parse(payloadText.textValue(), "bad-payload");
        if (!payload.isObject()) {
            throw new Rejected("bad-payload");
        }
        return new Event(id, type, aggregateType, aggregateId, time, payload);
    }

    private static JsonNode parse(String text, String reason) throws Rejected {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new Rejected(reason);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Rejected(reason);
        }
    }

    private static String header(JsonNode headers, String name) throws Rejected {
        JsonNode value = headers.path(name);
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw new Rejected("missing-header");
        }
        return value.textValue();
    }

    /** DATE (RFC 1123), else the ID's first part as epoch ms when that is a plausible time (CONTRACT.md §3). */
    private static long eventTime(JsonNode date, String id, Instant latestIdTime) throws Rejected {
        if (date.isTextual()) {
            try {
                return ZonedDateTime.parse(date.textValue(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new Rejected("missing-header");
            }
        }
        int dash = id.indexOf('-');
        try {
            long millis = Long.parseUnsignedLong(dash < 0 ? id : id.substring(0, dash), 16);
            if (millis >= EARLIEST_ID_TIME.toEpochMilli() && millis <= latestIdTime.toEpochMilli()) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // not a hex time: no time at all
        }
        throw new Rejected("missing-header");
    }

    /** CONTRACT.md §4: the Order History update of one event, under the marker rule; whether it changed the item. */
    private boolean apply(Event event) throws Rejected {
        Map<String, AttributeValue> set;
        if (!event.aggregateType().equals(AGGREGATE_TYPE)) {
            skipped++;
            return false;
        } else if (event.type().equals(ORDER_CREATED)) {
            set = orderCreated(event);
        } else if (STATUS_OF.containsKey(event.type())) {
            set = Map.of("orderStatus", s(STATUS_OF.get(event.type())));
        } else if (rules == Rules.WITH_REVISIONS && event.type().equals(REVISION_PROPOSED)) {
            set = Map.of("orderStatus", s("REVISION_PENDING"));
        } else if (rules == Rules.WITH_REVISIONS && event.type().equals(REVISED)) {
            set = Map.of("orderStatus", s("APPROVED"), "orderTotal", s(money(event.payload().path("newOrderTotal"))));
        } else {
            skipped++;
            return false;
        }
        String marker = "events." + event.aggregateType() + event.aggregateId();
        Map<String, AttributeValue> item = items.get(event.aggregateId());
        AttributeValue last = item == null ? null : item.get(marker);
        // DynamoDB compares strings as UTF-8 bytes
        if (last != null && Arrays.compareUnsigned(last.s().getBytes(StandardCharsets.UTF_8),
                event.id().getBytes(StandardCharsets.UTF_8)) >= 0) {
            duplicateEvents++;
            return false;
        }
        if (item == null) {
            item = new HashMap<>();
            item.put("orderId", s(event.aggregateId()));
            items.put(event.aggregateId(), item);
        }
        if (rules == Rules.WITH_REVISIONS && event.type().equals(ORDER_CREATED)) {
            lineItems.put(event.aggregateId(), quantities(set.get("lineItems")));
        } else if (event.type().equals(REVISED) && lineItems.containsKey(event.aggregateId())) {
            set = Map.of("orderStatus", set.get("orderStatus"),
                    "orderTotal", s(revisedTotal(lineItems.get(event.aggregateId()), event.payload())));
        }
        item.putAll(set);
        if (event.type().equals(ORDER_CREATED) && !set.containsKey("keywords")) {
            item.remove("keywords"); // an empty set is not stored
        }
        item.put(marker, s(event.id()));
        applied++;
        return true;
    }

    private static Map<String, AttributeValue> orderCreated(Event event) throws Rejected {
        JsonNode details = event.payload().path("orderDetails");
        if (!details.isObject() || !details.path("lineItems").isArray()) {
            throw new Rejected("invalid-event");
        }
        String restaurantName = text(event.payload().path("restaurantName"));
        TreeSet<String> keywords = new TreeSet<>(words(restaurantName));
        List<AttributeValue> lineItems = new ArrayList<>();
        for (JsonNode lineItem : details.path("lineItems")) {
            if (!lineItem.isObject()) {
                throw new Rejected("invalid-event");
            }
            String name = text(lineItem.path("name"));
            keywords.addAll(words(name));
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            m.put("menuItemId", s(idText(lineItem.path("menuItemId"))));
            m.put("menuItemName", s(name));
            m.put("price", s(money(lineItem.path("price"))));
            m.put("quantity", n(wholeNumber(lineItem.path("quantity"))));
            lineItems.add(AttributeValue.fromM(m));
        }
        Map<String, AttributeValue> set = new LinkedHashMap<>();
        set.put("orderId", s(event.aggregateId()));
        set.put("consumerId", s(wholeNumber(details.path("consumerId"))));
        set.put("orderStatus", s("APPROVAL_PENDING"));
        set.put("creationDate", n(Long.toString(event.timeMillis())));
        set.put("lineItems", AttributeValue.fromL(lineItems));
        set.put("orderTotal", s(money(details.path("orderTotal"))));
        set.put("restaurantId", n(wholeNumber(details.path("restaurantId"))));
        set.put("restaurantName", s(restaurantName));
        if (!keywords.isEmpty()) {
            set.put("keywords", AttributeValue.fromSs(List.copyOf(keywords)));
        }
        return set;
    }

    private static Map<String, BigDecimal[]> quantities(AttributeValue lineItems) {
        Map<String, BigDecimal[]> byMenuItem = new HashMap<>();
        for (AttributeValue lineItem : lineItems.l()) {
            Map<String, AttributeValue> m = lineItem.m();
            byMenuItem.put(m.get("menuItemId").s(),
                    new BigDecimal[]{new BigDecimal(m.get("price").s()), new BigDecimal(m.get("quantity").n())});
        }
        return byMenuItem;
    }

    /** Applies the revised quantities to the order's line items; the sum of price × quantity, two decimals. */
    private static String revisedTotal(Map<String, BigDecimal[]> byMenuItem, JsonNode payload) throws Rejected {
        for (JsonNode revised : payload.path("orderRevision").path("revisedOrderLineItems")) {
            BigDecimal[] priceAndQuantity = byMenuItem.get(idText(revised.path("menuItemId")));
            if (priceAndQuantity == null) {
                throw new Rejected("invalid-event");
            }
            priceAndQuantity[1] = new BigDecimal(wholeNumber(revised.path("quantity")));
        }
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal[] priceAndQuantity : byMenuItem.values()) {
            total = total.add(priceAndQuantity[0].multiply(priceAndQuantity[1]));
        }
        return total.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Lower-cased ({@code Locale.ROOT}), then the maximal runs of letters or digits. */
    public static List<String> words(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        lower.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
            }
        });
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    private static String text(JsonNode node) throws Rejected {
        if (!node.isTextual()) {
            throw new Rejected("invalid-event");
        }
        return node.textValue();
    }

    private static String idText(JsonNode node) throws Rejected {
        return node.isIntegralNumber() ? node.bigIntegerValue().toString() : text(node);
    }

    /** Money as written; a JSON number with two decimals. */
    private static String money(JsonNode node) throws Rejected {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.decimalValue().setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
        throw new Rejected("invalid-event");
    }

    /** A whole number written as a JSON number or a digit string. */
    private static String wholeNumber(JsonNode node) throws Rejected {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isTextual() && WHOLE_NUMBER.matcher(node.textValue()).matches()) {
            return new BigDecimal(node.textValue()).toPlainString();
        }
        throw new Rejected("invalid-event");
    }

    private void count(String reason) {
        rejected.merge(reason, 1L, Long::sum);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
