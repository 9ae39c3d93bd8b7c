package io.batchcall.application.port.out;

import io.batchcall.domain.contact.AttemptCap;
import io.vavr.control.Option;

/**
 * What bounds a claim besides the job's own limit: the organization's concurrent-call cap, and the
 * optional per-number attempt cap across the organization's jobs. One number is never in two calls of
 * the same organization at once, and a suppressed number is never dialed.
 */
public record ClaimLimits(int organizationCap, Option<AttemptCap> numberCap) {

    public static ClaimLimits of(int organizationCap) {
        return new ClaimLimits(organizationCap, Option.none());
    }
}
