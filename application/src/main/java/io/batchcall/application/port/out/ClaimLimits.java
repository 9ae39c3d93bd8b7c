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
                          Option<Duration> conversationPause, io.batchcall.domain.window.CallingRules callingRules) {

    public ClaimLimits(int organizationCap, Option<AttemptCap> numberCap, Option<Double> organizationDialRate, Duration horizon,
                       Option<Duration> conversationPause) {
        this(organizationCap, numberCap, organizationDialRate, horizon, conversationPause, io.batchcall.domain.window.CallingRules.NONE);
    }

    /** Whether this contact may be called at {@code now} by its job's window and the rules (its stored group; none: UTC). */
    public boolean contactOpen(io.batchcall.domain.job.BatchJob job, io.batchcall.domain.contact.Contact contact, java.time.Instant now) {
        return groupOpen(job, contact.timezone().getOrElse("UTC"), now);
    }

    /** Whether a contact of this stored group (zones, and region) may be called at {@code now} by its job's window and the rules. */
    public boolean groupOpen(io.batchcall.domain.job.BatchJob job, String group, java.time.Instant now) {
        var zones = io.batchcall.domain.window.ContactZones.parse(group);
        return job.callingWindow().forAll(w -> w.isOpen(now, zones))
                && callingRules.isOpen(now, zones, io.batchcall.domain.window.ContactZones.regionOf(group));
    }

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
