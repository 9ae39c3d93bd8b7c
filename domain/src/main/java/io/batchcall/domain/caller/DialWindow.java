package io.batchcall.domain.caller;

import java.time.Instant;

/**
 * A job's dials over the last ten seconds, kept as two counts (the current ten-second bucket and the one before):
 * the rate over a sliding window of 10 s, estimated by weighing the previous bucket by the part of it the window still
 * covers. Two numbers on the job's row, written by the claim that dials; exact at bucket edges, within one bucket's
 * share elsewhere.
 *
 * @param bucket   the current bucket: epoch seconds / 10
 */
public record DialWindow(long bucket, long current, long previous) {

    public static final DialWindow NONE = new DialWindow(Long.MIN_VALUE / 4, 0, 0);
    static final long SECONDS = 10;

    static long bucketOf(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), SECONDS);
    }

    /** This window after {@code dials} dials at {@code now}. */
    public DialWindow plus(Instant now, long dials) {
        long b = bucketOf(now);
        if (b == bucket) {
            return new DialWindow(b, current + dials, previous);
        }
        return new DialWindow(b, dials, b == bucket + 1 ? current : 0);
    }

    /** Dials per second over the ten seconds before {@code now}. */
    public double perSecond(Instant now) {
        long b = bucketOf(now);
        double into = (now.toEpochMilli() - b * SECONDS * 1000) / (SECONDS * 1000.0);
        if (b == bucket) {
            return (previous * (1 - into) + current) / SECONDS;
        }
        if (b == bucket + 1) {
            return current * (1 - into) / SECONDS;
        }
        return 0;
    }
}
