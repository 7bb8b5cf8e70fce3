package dev.reproject.core.retry;

/** A monotonic time source in nanoseconds, like {@link System#nanoTime()}; tests pass a fake one. */
@FunctionalInterface
public interface NanoClock {

    NanoClock SYSTEM = System::nanoTime;

    long nanoTime();
}
