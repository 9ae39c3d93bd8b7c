package io.batchcall.application.webhook;

import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed delivery is tried again: 10 tries in all, waits growing from {@code base} (default
 * 30 s) to 1,440 × base: 30 s, 1 min, 2 min, 5 min, 15 min, 1 h, 2 h, 6 h, 12 h — about 21 hours from
 * the first try to the tenth, the last.
 */
public record RetrySchedule(Duration base) {

    /** The waits after the 1st, 2nd, … failed try, in multiples of the base. */
    private static final long[] STEPS = {1, 2, 4, 10, 30, 120, 240, 720, 1440};

    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofSeconds(30));

    public RetrySchedule {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("the base wait must be positive");
        }
    }

    /** Tries in all before a delivery is given up. */
    public int maxTries() {
        return STEPS.length + 1;
    }

    /** When to try again after the {@code tries}-th failed try at {@code now}; none when that was the last. */
    public Option<Instant> next(int tries, Instant now) {
        if (tries < 1 || tries >= maxTries()) {
            return Option.none();
        }
        return Option.of(now.plus(base.multipliedBy(STEPS[tries - 1])));
    }
}
