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

    /** A registered caller id as of {@code now}: its dials today and when its rate next lets it dial (none: now). */
    record RegisteredCallerId(CallerId callerId, long dialsToday, Option<Instant> nextDialAt, Instant registeredAt) {
    }

    /** Registers the id, or replaces its number and limits (its counts and schedule stay); true when it is new. */
    boolean registerCallerId(CallerId callerId, Instant now);

    Option<RegisteredCallerId> callerId(String organizationId, String id, Instant now);

    /** The organization's caller ids, in id order. */
    List<RegisteredCallerId> callerIds(String organizationId, Instant now);

    /** Removes the registration (jobs naming the id dial it without limits); false when there was none. */
    boolean removeCallerId(String organizationId, String id);
}
