package io.batchcall.application.service;

import java.util.concurrent.ConcurrentHashMap;

/**
 * When each paced lane of this engine sends its next dial (microseconds): never sooner than the lane's spacing after the
 * previous one, so that dials a stall held back (a collection, a busy executor) leave spaced as they were granted, a
 * little later, rather than together — and, for a lane faster than 25/s that has been quiet for
 * {@link #IDLE_MICROS}, at half its rate for its first {@link #WARM_MICROS}: a cold start's first dials wait for the
 * dialer's connections to open and then arrive together (at 500/s a receiver counted 523 in one second before this).
 * Only ever later than the grants, never sooner: the limits the store keeps hold regardless.
 */
final class SendSpacing {

    /** A lane quiet this long warms up again. */
    static final long IDLE_MICROS = 5_000_000;
    /** How long a warming lane sends at half its rate. */
    static final long WARM_MICROS = 1_000_000;
    /** Lanes spaced closer than this (faster than 25/s) warm up; slower ones have no burst to fear. */
    static final long WARM_BELOW_SPACING_MICROS = 40_000;

    /** Per lane: the last send time, and until when it warms. */
    private final ConcurrentHashMap<String, long[]> lanes = new ConcurrentHashMap<>();

    /** The time the next dial of {@code lane} leaves, asked at {@code nowMicros}; taken by this call. */
    long next(String lane, long nowMicros, long spacingMicros) {
        long[] state = lanes.computeIfAbsent(lane, k -> new long[] {Long.MIN_VALUE / 2, Long.MIN_VALUE / 2});
        synchronized (state) {
            if (nowMicros - state[0] > IDLE_MICROS) {
                state[1] = nowMicros + WARM_MICROS;
            }
            boolean warming = spacingMicros < WARM_BELOW_SPACING_MICROS && state[0] + spacingMicros < state[1];
            long at = Math.max(nowMicros, state[0] + (warming ? 2 * spacingMicros : spacingMicros));
            state[0] = at;
            return at;
        }
    }
}
