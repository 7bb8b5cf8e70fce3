package dev.reproject.orderhistory.query;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The HMAC key of page tokens (CONTRACT.md §4.7). {@code serve} and {@code query} given the same key accept each
 * other's tokens; a token made under another key is refused with a message that says so ({@link #id()}).
 *
 * <p>{@link #SANDBOX} is a documented default for local use only: it is derived from a fixed text, so anybody can
 * compute it. {@code serve} refuses it on a non-loopback address (CONTRACT.md §4.7).
 */
public final class PageTokenKey {

    /** The least a configured key must hold: 32 characters, e.g. {@code openssl rand -base64 32} (44). */
    public static final int MIN_CHARACTERS = 32;

    /** The default when none is configured: the key every earlier version used, public by design. */
    public static final PageTokenKey SANDBOX = new PageTokenKey(
            sha256("reproject order-history page token, version 1".getBytes(StandardCharsets.UTF_8)), true);

    private final byte[] bytes;
    private final boolean sandbox;
    private final String id;
    /** A {@code Mac} is not thread-safe and costly to look up: one per thread. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private PageTokenKey(byte[] bytes, boolean sandbox) {
        this.bytes = bytes.clone();
        this.sandbox = sandbox;
        byte[] prefix = "reproject page-token key id\n".getBytes(StandardCharsets.UTF_8);
        byte[] idInput = Arrays.copyOf(prefix, prefix.length + bytes.length);
        System.arraycopy(bytes, 0, idInput, prefix.length, bytes.length);
        this.id = HexFormat.of().formatHex(Arrays.copyOf(sha256(idInput), 4));
    }

    /**
     * A configured key: the text with surrounding white space (a file's final newline) removed, as UTF-8.
     *
     * @param source what the text came from, for the message ({@code --page-token-key-file /etc/key})
     * @throws IllegalArgumentException when it holds fewer than {@value #MIN_CHARACTERS} characters; the message
     *                                  names the source, never the key
     */
    public static PageTokenKey of(String source, String text) {
        Objects.requireNonNull(source, "source");
        String key = Objects.requireNonNull(text, "text").strip();
        if (key.length() < MIN_CHARACTERS) {
            throw new IllegalArgumentException("the page-token key from " + source + " holds " + key.length()
                    + " characters; it needs at least " + MIN_CHARACTERS + " (e.g. the output of 'openssl rand "
                    + "-base64 32')");
        }
        return new PageTokenKey(key.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Whether this is {@link #SANDBOX}, the public default. */
    public boolean isSandboxDefault() {
        return sandbox;
    }

    /**
     * Eight hex digits of a hash of the key, carried in every token so that a token made under another key is told
     * apart from an altered one. It tells nothing a token's tag does not: both let a guess of the key be checked.
     */
    String id() {
        return id;
    }

    /** HMAC-SHA256 of {@code payload} under this key. */
    byte[] hmacSha256(byte[] payload) {
        return macs.get().doFinal(payload); // doFinal resets the Mac for the next use
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(bytes, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Never the key. */
    @Override
    public String toString() {
        return sandbox ? "the sandbox page-token key" : "page-token key " + id;
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
