package dev.reproject.benchmarks;

import dev.reproject.core.item.CombinedUpdate;
import dev.reproject.live.ItemUpdater;
import dev.reproject.live.WriteResult;

/**
 * How many {@code UpdateItem} requests were in flight, over time: the seconds spent at each count from 0 to the
 * pool size, and how often the count fell back to 0. It tells a run that kept its writer threads busy from one
 * that waited between batches (count 0: polling, classifying, committing) or for a batch's last keys (between 1
 * and the pool size while the others are idle). The mean request time follows by Little's law.
 */
final class LiveInFlight {

    /** What a run's writers did: seconds at each in-flight count, and the stretches at 0 between requests. */
    @SuppressWarnings("ArrayRecordComponent") // a report's figures; never compared or hashed
    record Profile(double seconds, double[] secondsAt, long requests, long idleStretches) {

        double meanInFlight() {
            double weighted = 0;
            for (int n = 0; n < secondsAt.length; n++) {
                weighted += n * secondsAt[n];
            }
            return weighted / seconds;
        }

        /** Seconds per request, from the mean in flight and the request rate. */
        double meanRequestSeconds() {
            return meanInFlight() * seconds / requests;
        }

        double fractionIdle() {
            return secondsAt[0] / seconds;
        }

        double fractionFull() {
            return secondsAt[secondsAt.length - 1] / seconds;
        }

        double fractionPartial() {
            return 1 - fractionIdle() - fractionFull();
        }
    }

    private final long[] nanosAt;
    private int inFlight;
    private long since;
    private long started;
    private long requests;
    private long idleStretches;

    LiveInFlight(int poolSize) {
        this.nanosAt = new long[poolSize + 1];
    }

    synchronized void start() {
        java.util.Arrays.fill(nanosAt, 0);
        inFlight = 0;
        requests = 0;
        idleStretches = 0;
        started = System.nanoTime();
        since = started;
    }

    synchronized Profile stop() {
        long now = System.nanoTime();
        move(now, 0);
        double[] seconds = new double[nanosAt.length];
        for (int n = 0; n < nanosAt.length; n++) {
            seconds[n] = nanosAt[n] / 1e9;
        }
        return new Profile((now - started) / 1e9, seconds, requests, idleStretches);
    }

    synchronized void enter() {
        requests++;
        move(System.nanoTime(), inFlight + 1);
    }

    synchronized void exit() {
        move(System.nanoTime(), inFlight - 1);
        if (inFlight == 0) {
            idleStretches++;
        }
    }

    /** {@code updater}, with every call counted as one request in flight. */
    ItemUpdater tracking(ItemUpdater updater) {
        return new ItemUpdater() {
            @Override
            public WriteResult apply(CombinedUpdate update) throws InterruptedException {
                enter();
                try {
                    return updater.apply(update);
                } finally {
                    exit();
                }
            }
        };
    }

    private void move(long now, int to) {
        nanosAt[Math.min(inFlight, nanosAt.length - 1)] += now - since;
        since = now;
        inFlight = to;
    }
}
