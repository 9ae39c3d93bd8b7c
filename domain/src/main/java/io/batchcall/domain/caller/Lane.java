package io.batchcall.domain.caller;

/**
 * A rate limit as a schedule (GCRA, the "virtual scheduling" form of a token bucket with no burst): dials are spaced
 * {@code 1 / rate} apart, and {@code nextAtMicros} is the earliest instant the next one may be sent. In any window of
 * one second at most {@code floor(rate) + 1} dials fall, whatever the timing of the claims that take them (ADR 12).
 *
 * @param nextAtMicros microseconds since the epoch
 */
public record Lane(double rate, long nextAtMicros) {

    public Lane {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("a lane's rate is positive");
        }
    }

    /** The spacing in whole microseconds, rounded up: never a hair faster than the rate (331.96/s must not space 3,012 µs). */
    public long spacingMicros() {
        return Math.max(1, (long) Math.ceil(1_000_000 / rate));
    }

    /** Whether a dial may be sent no later than {@code latestMicros}. */
    public boolean freeBy(long latestMicros) {
        return nextAtMicros <= latestMicros;
    }

    /** This lane after a dial sent at {@code sentAtMicros} (never before {@link #nextAtMicros}). */
    public Lane after(long sentAtMicros) {
        return new Lane(rate, Math.max(sentAtMicros, nextAtMicros) + spacingMicros());
    }

    /** The same schedule at another rate (a caller id's limit changed, or its back-off moved). */
    public Lane at(double newRate) {
        return new Lane(newRate, nextAtMicros);
    }
}
