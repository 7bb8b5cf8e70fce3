package dev.reproject.orderhistory.generate;

import java.util.SplittableRandom;

/**
 * Where every random choice comes from. An order's whole timeline comes from its own generator, seeded
 * from (seed, order id) alone, so a later run can replay an older order and emit its late transitions;
 * the noise of a run (line forms, bad lines, copies) comes from (seed, run number).
 */
final class Seeds {

    private static final long GOLDEN = 0x9e3779b97f4a7c15L;
    private static final long ORDER_SALT = 0x6f72646572L; // "order"

    enum RunStream {
        LINES(0x6c696e6573L), FILES(0x66696c6573L), REVISIONS(0x7265766973L);

        private final long salt;

        RunStream(long salt) {
            this.salt = salt;
        }
    }

    private Seeds() {
    }

    static SplittableRandom forOrder(long seed, long orderId) {
        return new SplittableRandom(mix64(seed ^ mix64(orderId * GOLDEN + ORDER_SALT)));
    }

    static SplittableRandom forRun(long seed, int run, RunStream stream) {
        return new SplittableRandom(mix64(seed ^ mix64(run * GOLDEN + stream.salt)));
    }

    /** SplitMix64's finaliser: neighbouring inputs give unrelated outputs. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
