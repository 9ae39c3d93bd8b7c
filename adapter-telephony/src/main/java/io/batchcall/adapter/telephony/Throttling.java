package io.batchcall.adapter.telephony;

import io.batchcall.application.port.out.DialResult;

import java.time.Duration;

/**
 * A provider's "too many requests" (HTTP 429): the dial is deferred, not failed — it does not count as an
 * attempt — for the {@code Retry-After} the provider asked (seconds, 1 s to 10 min), else 5 s.
 */
public final class Throttling {

    static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

    private Throttling() {
    }

    public static DialResult deferred(String retryAfter, String reason) {
        return new DialResult.Deferred(wait(retryAfter), reason);
    }

    public static Duration wait(String retryAfter) {
        if (retryAfter == null || retryAfter.isBlank()) {
            return DEFAULT_WAIT;
        }
        try {
            long seconds = Long.parseLong(retryAfter.trim());
            return Duration.ofSeconds(Math.max(1, Math.min(LONGEST_WAIT.toSeconds(), seconds)));
        } catch (NumberFormatException httpDate) {
            return DEFAULT_WAIT; // an HTTP-date: not worth a parser for a wait this short
        }
    }
}
