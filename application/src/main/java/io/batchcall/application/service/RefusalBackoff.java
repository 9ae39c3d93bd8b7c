package io.batchcall.application.service;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * How long a contact whose dial a provider refused as rate-limited waits before it is dialed again: exponential in the
 * caller id's refusals in a row (1 s, 2 s, 4 s … up to 5 min; the refusals of one burst — within a second of the last
 * one counted — count once, as for the id's rate back-off), "equal jitter" (half the step fixed, half drawn at
 * random) so the contacts of one refused burst do not come back together, never shorter than the provider's
 * {@code Retry-After}. A dial the provider accepts from that id resets its count. The count is this instance's; the
 * id's rate back-off (CONTRACT §14) is the store's and holds across instances — this only spreads the retries.
 */
public final class RefusalBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofMinutes(5);
    private static final int MAX_DOUBLINGS = 20;

    /** Per id: the refusals in a row, and when the last one that counted came (epoch ms). */
    private record Count(int n, long countedAtMillis) {
    }

    private final ConcurrentHashMap<String, Count> refusalsInARow = new ConcurrentHashMap<>();
    private final DoubleSupplier jitter;

    /** @param jitter a draw in [0, 1) per refusal (tests pass a fixed one) */
    public RefusalBackoff(DoubleSupplier jitter) {
        this.jitter = jitter;
    }

    /** A refusal at {@code now} of a dial from {@code callerId}: the contact's wait. */
    public Duration refused(String organizationId, String callerId, java.time.Instant now, Duration providerWait) {
        long at = now.toEpochMilli();
        int n = refusalsInARow.merge(key(organizationId, callerId), new Count(1, at), (was, one) ->
                at - was.countedAtMillis() < 1000 ? was : new Count(Math.min(MAX_DOUBLINGS, was.n() + 1), at)).n();
        long step = Math.min(LONGEST.toMillis(), FIRST.toMillis() << Math.min(n - 1, MAX_DOUBLINGS));
        long wait = step / 2 + (long) (jitter.getAsDouble() * (step - step / 2));
        return Duration.ofMillis(Math.max(wait, providerWait.toMillis()));
    }

    /** A dial from {@code callerId} the provider took: its next refusal starts again at one second. */
    public void accepted(String organizationId, String callerId) {
        if (!refusalsInARow.isEmpty()) {
            refusalsInARow.remove(key(organizationId, callerId));
        }
    }

    private static String key(String organizationId, String callerId) {
        return organizationId + '\u0000' + callerId;
    }
}
