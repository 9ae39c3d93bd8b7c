package io.batchcall.application.port.out;

import io.batchcall.domain.caller.CallerId;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;

/**
 * An organization's registered caller ids (CONTRACT §14): the number behind each {@code fromPhoneNumberId} and its
 * limits, with today's dials (UTC day). Claims consult them in the same step as the contacts they take.
 */
public interface CallerIds {

    /**
     * A registered caller id as of {@code now}: its dials today, when its rate next lets it dial (none: now), and its
     * back-off after a provider's rate-limit refusal (none: not backing off).
     */
    record RegisteredCallerId(CallerId callerId, long dialsToday, Option<Instant> nextDialAt, Instant registeredAt,
                              Option<io.batchcall.domain.caller.Backoff> backoff) {

        public RegisteredCallerId(CallerId callerId, long dialsToday, Option<Instant> nextDialAt, Instant registeredAt) {
            this(callerId, dialsToday, nextDialAt, registeredAt, Option.none());
        }
    }

    /**
     * What paces a job's pool now, for the detail's {@code pacing}: the pool's registered ids (with their counts, schedules
     * and back-offs), the unregistered ones backing off, when the organization's rate next lets it dial (none: now or no
     * rate), and the organization's attempts in flight.
     */
    record PoolView(List<RegisteredCallerId> registered, java.util.Set<String> backingOff, Option<Instant> organizationNextDialAt,
                    long organizationDialing) {
    }

    PoolView poolView(String organizationId, java.util.List<String> ids, Instant now);

    /** Registers the id, or replaces its number and limits (its counts and schedule stay); true when it is new. */
    boolean registerCallerId(CallerId callerId, Instant now);

    Option<RegisteredCallerId> callerId(String organizationId, String id, Instant now);

    /** The organization's caller ids, in id order. */
    List<RegisteredCallerId> callerIds(String organizationId, Instant now);

    /**
     * A provider refused a dial from {@code callerId} as rate-limited ({@code Retry-After}: {@code retryAfter}): the
     * id backs off ({@link io.batchcall.domain.caller.Backoff#refused}); registered or not, every engine sees it.
     */
    void recordRefusal(String organizationId, String callerId, Instant now, java.time.Duration retryAfter);

    /** Removes the registration (jobs naming the id dial it without limits); false when there was none. */
    boolean removeCallerId(String organizationId, String id);
}
