package io.batchcall.application.port.out;

import io.batchcall.domain.contact.AttemptCap;
import io.vavr.control.Option;

import java.time.Duration;

/**
 * What bounds a claim besides the job's own limit: the organization's concurrent-call cap, the optional per-number
 * attempt cap across the organization's jobs, and pacing (CONTRACT §14): the organization's dial rate (dials per
 * second across every instance) and the horizon a claim may schedule dials within (the dispatcher's period). One
 * number is never in two calls of the same organization at once, and a suppressed number is never dialed.
 */
public record ClaimLimits(int organizationCap, Option<AttemptCap> numberCap, Option<Double> organizationDialRate, Duration horizon,
                          Option<Duration> conversationPause) {

    public ClaimLimits(int organizationCap, Option<AttemptCap> numberCap, Option<Double> organizationDialRate, Duration horizon) {
        this(organizationCap, numberCap, organizationDialRate, horizon, Option.none());
    }

    public ClaimLimits(int organizationCap, Option<AttemptCap> numberCap) {
        this(organizationCap, numberCap, Option.none(), Duration.ofMillis(100));
    }

    public static ClaimLimits of(int organizationCap) {
        return new ClaimLimits(organizationCap, Option.none());
    }
}
