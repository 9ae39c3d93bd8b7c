package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;

/**
 * One action on one job (CONTRACT §6): start, cancel, pause, resume, reschedule. Matched by its {@link Verb} in
 * one exhaustive switch (Java 17 switches exhaustively over enums); the HTTP side names the action by its verb,
 * never by a string. Built by the factories, so a reschedule always has its start time.
 *
 * @param startAt the new start of a {@link Verb#RESCHEDULE}; none for the others
 */
public record JobAction(Verb verb, String organizationId, String batchJobId, Option<Instant> startAt) {

    /** What the action does. */
    public enum Verb {
        /** scheduled|pending → running now. */
        START("started"),
        /** → cancelled: waiting contacts cancelled, calls in flight finish and are not retried. */
        CANCEL("cancelled"),
        /** running → paused: no new dials. */
        PAUSE("paused"),
        /** paused → running. */
        RESUME("resumed"),
        /** scheduled|pending → scheduled at a new time (one not in the future starts the job at once, as a create). */
        RESCHEDULE("rescheduled");

        private final String done;

        Verb(String done) {
            this.done = done;
        }

        /** The verb in the past tense, as the answer's message says it ("Batch job paused"). */
        public String done() {
            return done;
        }
    }

    public JobAction {
        if ((verb == Verb.RESCHEDULE) != startAt.isDefined()) {
            throw new IllegalArgumentException("a reschedule, and only a reschedule, has a start time");
        }
    }

    public static JobAction start(String organizationId, String batchJobId) {
        return new JobAction(Verb.START, organizationId, batchJobId, Option.none());
    }

    public static JobAction cancel(String organizationId, String batchJobId) {
        return new JobAction(Verb.CANCEL, organizationId, batchJobId, Option.none());
    }

    public static JobAction pause(String organizationId, String batchJobId) {
        return new JobAction(Verb.PAUSE, organizationId, batchJobId, Option.none());
    }

    public static JobAction resume(String organizationId, String batchJobId) {
        return new JobAction(Verb.RESUME, organizationId, batchJobId, Option.none());
    }

    public static JobAction reschedule(String organizationId, String batchJobId, Instant startAt) {
        return new JobAction(Verb.RESCHEDULE, organizationId, batchJobId, Option.of(startAt));
    }

    /** A reschedule as sent: {@code scheduledStartTime} (required) without offset read in {@code timezone} (IANA, default UTC). */
    public static Either<BatchJobError, JobAction> reschedule(String organizationId, String batchJobId, String scheduledStartTime,
                                                              String timezone) {
        if (scheduledStartTime == null || scheduledStartTime.isBlank()) {
            return Either.left(new BatchJobError.InvalidInput("invalid_scheduled_time", "scheduledStartTime is required"));
        }
        return CreateJob.zone(timezone).flatMap(zone -> CreateJob.startTime(scheduledStartTime, zone))
                .map(at -> reschedule(organizationId, batchJobId, at.get()));
    }
}
