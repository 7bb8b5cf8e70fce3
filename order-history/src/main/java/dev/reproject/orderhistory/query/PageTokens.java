package dev.reproject.orderhistory.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Page tokens: where the next page of a history starts, bound to the consumer and filter they were issued for.
 *
 * <p>A token is {@code base64url(payload) "." base64url(tag)}. The payload is JSON: version, consumer, a hash
 * of the filter ({@link OrderHistoryFilter#canonical()}) and the position — the creation date and order id of the
 * last order returned, from which DynamoDB's {@code ExclusiveStartKey} is rebuilt. The tag is an HMAC-SHA256 of
 * the payload (first {@value #TAG_BYTES} bytes).
 *
 * <p>The HMAC key is configured ({@link PageTokenKey}: a file or the environment; a public sandbox default
 * otherwise), so a token stays valid across restarts, between {@code serve} and {@code query} given the same key,
 * and on a rebuilt table of the same view (positions are creation dates and order ids, the same in every
 * rebuild). The payload also carries the key's {@link PageTokenKey#id() id}: a token whose tag fails under this
 * key but that names another key is refused as made under another key, not as altered. Even a token with a valid
 * tag only positions a query within the history and filter of the request itself (the consumer and filter hash
 * must match the request, the position must lie in its time range).
 */
final class PageTokens {

    /** A position in a consumer's history: the last order of a page, in the GSI's order. */
    record Position(long creationDate, String orderId) {

        Position {
            Objects.requireNonNull(orderId, "orderId");
        }
    }

    private static final int VERSION = 1;
    private static final int TAG_BYTES = 16;
    /** Far above any token we issue (consumer and order ids are at most 2,048 bytes each). */
    private static final int MAX_TOKEN_LENGTH = 8192;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String GARBLED = "the page token is garbled or altered: pass nextPageToken exactly as "
            + "the previous page returned it";

    private final PageTokenKey key;

    PageTokens(PageTokenKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    String encode(String consumerId, OrderHistoryFilter filter, Position after) {
        ObjectNode payload = JSON.createObjectNode()
                .put("v", VERSION)
                .put("k", key.id())
                .put("c", consumerId)
                .put("f", fingerprint(filter))
                .put("d", after.creationDate())
                .put("o", after.orderId());
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a page token", e);
        }
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(bytes) + "." + base64.encodeToString(tag(bytes));
    }

    /**
     * The position {@code token} continues from.
     *
     * @throws BadQueryException ({@value BadQueryException#BAD_PAGE_TOKEN}) when the token is garbled or altered,
     *                           was issued for another consumer or filter, or points outside the filter's time range
     */
    Position decode(String token, String consumerId, OrderHistoryFilter filter) {
        JsonNode payload = verifiedPayload(token);
        JsonNode version = payload.get("v");
        JsonNode consumer = payload.get("c");
        JsonNode hash = payload.get("f");
        JsonNode creationDate = payload.get("d");
        JsonNode orderId = payload.get("o");
        if (version == null || !version.isInt() || version.intValue() != VERSION) {
            throw BadQueryException.pageToken("the page token has a version this server does not read: start again "
                    + "from the first page");
        }
        if (consumer == null || !consumer.isTextual() || hash == null || !hash.isTextual() || creationDate == null
                || !creationDate.canConvertToExactIntegral() || !creationDate.canConvertToLong() || orderId == null
                || !orderId.isTextual() || orderId.textValue().isEmpty()) {
            throw BadQueryException.pageToken(GARBLED);
        }
        if (!consumer.textValue().equals(consumerId)) {
            throw BadQueryException.pageToken("the page token was issued for another consumer: a token continues "
                    + "only the history it came from");
        }
        if (!hash.textValue().equals(fingerprint(filter))) {
            throw BadQueryException.pageToken("the page token was issued for another filter: repeat the first "
                    + "page's since, until, status and keywords, or start again from the first page");
        }
        if (!filter.admitsCreationDate(creationDate.longValue())) {
            throw BadQueryException.pageToken("the page token points outside the time range of since and until");
        }
        return new Position(creationDate.longValue(), orderId.textValue());
    }

    private JsonNode verifiedPayload(String token) {
        Objects.requireNonNull(token, "token");
        int dot = token.indexOf('.');
        if (token.length() > MAX_TOKEN_LENGTH || dot < 0 || token.indexOf('.', dot + 1) >= 0) {
            throw BadQueryException.pageToken(GARBLED);
        }
        byte[] payload;
        byte[] tag;
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            payload = base64.decode(token.substring(0, dot));
            tag = base64.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            throw BadQueryException.pageToken(GARBLED);
        }
        // only our own encoding: the decoder ignores unused trailing bits and padding, which would let two
        // spellings of one token through
        Base64.Encoder canonical = Base64.getUrlEncoder().withoutPadding();
        if (!canonical.encodeToString(payload).equals(token.substring(0, dot))
                || !canonical.encodeToString(tag).equals(token.substring(dot + 1))
                || tag.length != TAG_BYTES) {
            throw BadQueryException.pageToken(GARBLED);
        }
        if (!MessageDigest.isEqual(tag, tag(payload))) {
            if (otherKey(payload)) {
                throw BadQueryException.pageToken("the page token was made under another page-token key: serve and "
                        + "query accept each other's tokens only with the same key (--page-token-key-file or "
                        + "REPROJECT_PAGE_TOKEN_KEY); start again from the first page");
            }
            throw BadQueryException.pageToken(GARBLED);
        }
        try {
            JsonNode node = JSON.readTree(payload);
            if (node == null || !node.isObject()) {
                throw BadQueryException.pageToken(GARBLED);
            }
            return node;
        } catch (java.io.IOException notJson) {
            throw BadQueryException.pageToken(GARBLED);
        }
    }

    /** Whether an untrusted payload names a key id other than this key's (a token of another deployment). */
    private boolean otherKey(byte[] payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            JsonNode id = node == null ? null : node.get("k");
            return id != null && id.isTextual() && !id.textValue().equals(key.id());
        } catch (java.io.IOException notJson) {
            return false;
        }
    }

    /** The filter's hash: 12 bytes of SHA-256 of its canonical form, base64url. */
    static String fingerprint(OrderHistoryFilter filter) {
        byte[] digest = sha256(filter.canonical());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
    }

    private byte[] tag(byte[] payload) {
        return Arrays.copyOf(key.hmacSha256(payload), TAG_BYTES);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
