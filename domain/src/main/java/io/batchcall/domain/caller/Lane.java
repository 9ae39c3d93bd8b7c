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

    /**
     * A dial's delivery may lag or lead its send time by this share of a second (a collection, a busy event loop, the
     * network, the receiver's own threads): the schedule leaves that much room under the limit, so that the receiving end
     * still counts at most {@code floor(rate) + 1} in any second. Measured on the jar at 500/s with 64 pooled connections:
     * windows up to 517–618 without it (bound 501).
     */
    public static final double DELIVERY_JITTER = 0.04;

    /**
     * The spacing in whole microseconds: {@code 1 / rate} rounded up (never a hair faster: 331.96/s must not space
     * 3,012 µs), and wider where the limit leaves no room for {@link #DELIVERY_JITTER} — just over
     * {@code (1 + jitter) / (floor(rate) + 1)}, so that floor(rate) + 1 dials never fit in one second plus the jitter.
     * That binds above about 25/s: 500/s is scheduled at 481.7/s (96.3 %), 50/s at 98.1 %.
     */
    public long spacingMicros() {
        long plain = (long) Math.ceil(1_000_000 / rate);
        long roomy = (long) Math.floor(1_000_000 * (1 + DELIVERY_JITTER) / (Math.floor(rate) + 1)) + 1;
        return Math.max(1, Math.max(plain, roomy));
    }

    /** The rate dials are sent at: 1 / {@link #spacingMicros()} (the limit, or a little under it: see there). */
    public double scheduledRate() {
        return 1_000_000.0 / spacingMicros();
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
