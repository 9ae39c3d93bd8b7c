package io.batchcall.adapter.telephony;

import io.batchcall.application.port.out.DialResult;

import java.time.Duration;

/**
 * A provider's "too many requests" (HTTP 429, SIP 503, a documented rate-limit code): the dial is deferred, not
 * failed — it does not count as an attempt — for at least the {@code Retry-After} the provider asked (seconds, 1 s to
 * 10 min). Without one the wait is {@link Duration#ZERO}: the engine's back-off per caller id (exponential, jittered:
 * {@code io.batchcall.application.service.RefusalBackoff}) decides it.
 */
public final class Throttling {

    static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

    private Throttling() {
    }

    public static DialResult deferred(String retryAfter, String reason) {
        return new DialResult.Deferred(wait(retryAfter), reason);
    }

    public static Duration wait(String retryAfter) {
        if (retryAfter == null || retryAfter.isBlank()) {
            return Duration.ZERO;
        }
        try {
            long seconds = Long.parseLong(retryAfter.trim());
            return Duration.ofSeconds(Math.max(1, Math.min(LONGEST_WAIT.toSeconds(), seconds)));
        } catch (NumberFormatException httpDate) {
            return Duration.ZERO; // an HTTP-date: not worth a parser for a wait this short; the back-off decides
        }
    }
}
