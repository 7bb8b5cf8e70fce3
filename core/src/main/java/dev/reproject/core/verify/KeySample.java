package dev.reproject.core.verify;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * {@code verify --sample F}: a deterministic-random fraction of the view's keys, chosen by a hash of the key's
 * DynamoDB JSON, so that the recomputation and the table keep the same keys, and a rerun checks the same ones.
 */
public record KeySample(double fraction) implements Serializable {

    public static final KeySample ALL = new KeySample(1);

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final double TWO_TO_53 = 0x1p53;

    public KeySample {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("--sample must be more than 0 and at most 1, was " + fraction);
        }
    }

    public boolean all() {
        return fraction == 1;
    }

    /** Whether the key (its DynamoDB JSON) is in the sample. */
    public boolean includes(String key) {
        return all() || position(key) < fraction;
    }

    /** The key's place in [0, 1): FNV-1a over its UTF-8 bytes, mixed by SplitMix64's finaliser. */
    static double position(String key) {
        long hash = FNV_OFFSET;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
        hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
        hash ^= hash >>> 31;
        return (hash >>> 11) / TWO_TO_53;
    }
}
