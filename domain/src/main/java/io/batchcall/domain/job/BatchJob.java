package io.batchcall.domain.job;

import io.batchcall.domain.caller.CallerPool;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.error.BatchJobError.InvalidStatus;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.batchcall.domain.window.CallingWindow;

import java.time.Instant;

/**
 * One outbound call campaign. Immutable; each job transition of CONTRACT §3 is a method returning
 * the next state or the refusal the API reports.
 */
public record BatchJob(String id, String organizationId, String name, Option<String> description,
                       Option<String> agentId, String fromPhoneNumberId, int concurrentCallLimit,
                       RetryPolicy retryPolicy, JobStatus status, Option<Instant> scheduledStartTime,
                       Option<Instant> actualStartTime, Option<Instant> completedAt, Instant createdAt,
                       Option<String> failureReason, Option<CallingWindow> callingWindow, Option<String> parentBatchJobId,
                       Option<ContactStatus> machineAnswerOutcome, CallerPool callers, OutcomeRules outcomeRules,
                       Option<Instant> endAt, boolean requireConsent) {

    /** A job that dials without asking for consent records (CONTRACT §17's {@code requireConsent} false). */
    public BatchJob(String id, String organizationId, String name, Option<String> description,
                    Option<String> agentId, String fromPhoneNumberId, int concurrentCallLimit,
                    RetryPolicy retryPolicy, JobStatus status, Option<Instant> scheduledStartTime,
                    Option<Instant> actualStartTime, Option<Instant> completedAt, Instant createdAt,
                    Option<String> failureReason, Option<CallingWindow> callingWindow, Option<String> parentBatchJobId,
                    Option<ContactStatus> machineAnswerOutcome, CallerPool callers, OutcomeRules outcomeRules, Option<Instant> endAt) {
        this(id, organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit, retryPolicy, status,
                scheduledStartTime, actualStartTime, completedAt, createdAt, failureReason, callingWindow, parentBatchJobId,
                machineAnswerOutcome, callers, outcomeRules, endAt, false);
    }

    /** A job without an end time (CONTRACT §16's {@code endAt}). */
    public BatchJob(String id, String organizationId, String name, Option<String> description,
                    Option<String> agentId, String fromPhoneNumberId, int concurrentCallLimit,
                    RetryPolicy retryPolicy, JobStatus status, Option<Instant> scheduledStartTime,
                    Option<Instant> actualStartTime, Option<Instant> completedAt, Instant createdAt,
                    Option<String> failureReason, Option<CallingWindow> callingWindow, Option<String> parentBatchJobId,
                    Option<ContactStatus> machineAnswerOutcome, CallerPool callers, OutcomeRules outcomeRules) {
        this(id, organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit, retryPolicy, status,
                scheduledStartTime, actualStartTime, completedAt, createdAt, failureReason, callingWindow, parentBatchJobId,
                machineAnswerOutcome, callers, outcomeRules, Option.none());
    }

    /** A job with the default rules for what its conversations produce (no deciding dispositions, 3 callbacks). */
    public BatchJob(String id, String organizationId, String name, Option<String> description,
                    Option<String> agentId, String fromPhoneNumberId, int concurrentCallLimit,
                    RetryPolicy retryPolicy, JobStatus status, Option<Instant> scheduledStartTime,
                    Option<Instant> actualStartTime, Option<Instant> completedAt, Instant createdAt,
                    Option<String> failureReason, Option<CallingWindow> callingWindow, Option<String> parentBatchJobId,
                    Option<ContactStatus> machineAnswerOutcome, CallerPool callers) {
        this(id, organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit, retryPolicy, status,
                scheduledStartTime, actualStartTime, completedAt, createdAt, failureReason, callingWindow, parentBatchJobId,
                machineAnswerOutcome, callers, OutcomeRules.DEFAULT);
    }

    public BatchJob {
        java.util.Objects.requireNonNull(outcomeRules, "outcomeRules");
        if (!callers.primary().equals(fromPhoneNumberId)) {
            throw new IllegalArgumentException("the job's fromPhoneNumberId is the first id of its caller pool");
        }
        if (machineAnswerOutcome.exists(o -> o != ContactStatus.COMPLETED && o != ContactStatus.NO_ANSWER)) {
            throw new IllegalArgumentException("a call answered by a machine counts as completed or no_answer");
        }
    }

    /** A job dialing from its one {@code fromPhoneNumberId}. */
    public BatchJob(String id, String organizationId, String name, Option<String> description,
                    Option<String> agentId, String fromPhoneNumberId, int concurrentCallLimit,
                    RetryPolicy retryPolicy, JobStatus status, Option<Instant> scheduledStartTime,
                    Option<Instant> actualStartTime, Option<Instant> completedAt, Instant createdAt,
                    Option<String> failureReason, Option<CallingWindow> callingWindow, Option<String> parentBatchJobId,
                    Option<ContactStatus> machineAnswerOutcome) {
        this(id, organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit, retryPolicy, status,
                scheduledStartTime, actualStartTime, completedAt, createdAt, failureReason, callingWindow, parentBatchJobId,
                machineAnswerOutcome, CallerPool.single(fromPhoneNumberId));
    }

    /** A job with the server's rule for calls answered by a machine. */
    public BatchJob(String id, String organizationId, String name, Option<String> description,
                    Option<String> agentId, String fromPhoneNumberId, int concurrentCallLimit,
                    RetryPolicy retryPolicy, JobStatus status, Option<Instant> scheduledStartTime,
                    Option<Instant> actualStartTime, Option<Instant> completedAt, Instant createdAt,
                    Option<String> failureReason, Option<CallingWindow> callingWindow, Option<String> parentBatchJobId) {
        this(id, organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit, retryPolicy, status,
                scheduledStartTime, actualStartTime, completedAt, createdAt, failureReason, callingWindow, parentBatchJobId, Option.none());
    }

    /** A job that is not a retry of another. */
    public BatchJob(String id, String organizationId, String name, Option<String> description,
                    Option<String> agentId, String fromPhoneNumberId, int concurrentCallLimit,
                    RetryPolicy retryPolicy, JobStatus status, Option<Instant> scheduledStartTime,
                    Option<Instant> actualStartTime, Option<Instant> completedAt, Instant createdAt,
                    Option<String> failureReason, Option<CallingWindow> callingWindow) {
        this(id, organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit, retryPolicy, status,
                scheduledStartTime, actualStartTime, completedAt, createdAt, failureReason, callingWindow, Option.none());
    }

    /** A job without a calling window (dialed at any time). */
    public BatchJob(String id, String organizationId, String name, Option<String> description,
                    Option<String> agentId, String fromPhoneNumberId, int concurrentCallLimit,
                    RetryPolicy retryPolicy, JobStatus status, Option<Instant> scheduledStartTime,
                    Option<Instant> actualStartTime, Option<Instant> completedAt, Instant createdAt,
                    Option<String> failureReason) {
        this(id, organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit, retryPolicy, status,
                scheduledStartTime, actualStartTime, completedAt, createdAt, failureReason, Option.none());
    }

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    /** agentId and fromPhoneNumberId. */
    public static final int MAX_ID_LENGTH = 200;
    public static final int DEFAULT_CONCURRENT_CALL_LIMIT = 5;
    public static final int MAX_CONCURRENT_CALL_LIMIT = 1000;

    /** A new job: {@code scheduled} when its start time lies in the future, {@code pending} otherwise. */
    public static BatchJob create(String id, String organizationId, String name, Option<String> description,
                                  Option<String> agentId, String fromPhoneNumberId, int concurrentCallLimit,
                                  RetryPolicy retryPolicy, Option<Instant> scheduledStartTime, Instant now) {
        JobStatus status = scheduledStartTime.exists(t -> t.isAfter(now)) ? JobStatus.SCHEDULED : JobStatus.PENDING;
        return new BatchJob(id, organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit,
                retryPolicy, status, scheduledStartTime, Option.none(), Option.none(), now, Option.none(), Option.none());
    }

    /** This job, calling its contacts only inside {@code window} of their local time. */
    public BatchJob withCallingWindow(Option<CallingWindow> window) {
        return new BatchJob(id, organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit,
                retryPolicy, status, scheduledStartTime, actualStartTime, completedAt, createdAt, failureReason, window, parentBatchJobId,
                machineAnswerOutcome, callers, outcomeRules, endAt, requireConsent);
    }

    /** This job, dialing from {@code pool} (its first id is the job's {@code fromPhoneNumberId}). */
    public BatchJob withCallers(CallerPool pool) {
        return new BatchJob(id, organizationId, name, description, agentId, pool.primary(), concurrentCallLimit,
                retryPolicy, status, scheduledStartTime, actualStartTime, completedAt, createdAt, failureReason, callingWindow, parentBatchJobId,
                machineAnswerOutcome, pool, outcomeRules, endAt, requireConsent);
    }

    /** This job as a retry of {@code parent}'s contacts. */
    public BatchJob withParent(String parent) {
        return new BatchJob(id, organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit,
                retryPolicy, status, scheduledStartTime, actualStartTime, completedAt, createdAt, failureReason, callingWindow, Option.of(parent),
                machineAnswerOutcome, callers, outcomeRules, endAt, requireConsent);
    }

    /**
     * This job, counting a call answered by a machine as {@code outcome} ({@code completed}, or
     * {@code no_answer} so it is retried) where the telephony side can tell; none: the server's rule.
     */
    public BatchJob withMachineAnswerOutcome(Option<ContactStatus> outcome) {
        return new BatchJob(id, organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit,
                retryPolicy, status, scheduledStartTime, actualStartTime, completedAt, createdAt, failureReason, callingWindow, parentBatchJobId,
                outcome, callers, outcomeRules, endAt, requireConsent);
    }

    /** This job, ending at {@code at} (CONTRACT §16): nothing is dialed from then on; it completes once its calls end. */
    public BatchJob withEndAt(Option<Instant> at) {
        return new BatchJob(id, organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit,
                retryPolicy, status, scheduledStartTime, actualStartTime, completedAt, createdAt, failureReason, callingWindow, parentBatchJobId,
                machineAnswerOutcome, callers, outcomeRules, at, requireConsent);
    }

    /**
     * This job, dialing only numbers with a consent on record (CONTRACT §17): numbers without one are skipped at upload
     * ({@code no_consent}) and checked again at each dial — a revoked number becomes blocked with errorCode {@code no_consent}.
     */
    public BatchJob withRequireConsent(boolean require) {
        return new BatchJob(id, organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit,
                retryPolicy, status, scheduledStartTime, actualStartTime, completedAt, createdAt, failureReason, callingWindow, parentBatchJobId,
                machineAnswerOutcome, callers, outcomeRules, endAt, require);
    }

    /** Whether the job's end time has come at {@code now}: its waiting contacts expire, nothing more is dialed. */
    public boolean endedBy(Instant now) {
        return endAt.exists(e -> !now.isBefore(e));
    }

    /** This job, with these rules for what its conversations produce (CONTRACT §15). */
    public BatchJob withOutcomeRules(OutcomeRules rules) {
        return new BatchJob(id, organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit,
                retryPolicy, status, scheduledStartTime, actualStartTime, completedAt, createdAt, failureReason, callingWindow, parentBatchJobId,
                machineAnswerOutcome, callers, rules, endAt, requireConsent);
    }

    /** Whether the dispatcher should start this job at {@code now}. */
    public boolean isDueToStart(Instant now) {
        return status == JobStatus.PENDING
                || (status == JobStatus.SCHEDULED && scheduledStartTime.forAll(t -> !t.isAfter(now)));
    }

    /** scheduled|pending → running. */
    public Either<BatchJobError, BatchJob> start(Instant now) {
        if (status == JobStatus.RUNNING) {
            return Either.left(new InvalidStatus("already_running", "Batch job " + id + " is already running"));
        }
        if (status != JobStatus.SCHEDULED && status != JobStatus.PENDING) {
            return Either.left(InvalidStatus.of("start", status.wire()));
        }
        return Either.right(with(JobStatus.RUNNING, Option.of(now), completedAt, failureReason));
    }

    /** running → paused: no new dials; calls in flight finish. */
    public Either<BatchJobError, BatchJob> pause() {
        if (status != JobStatus.RUNNING) {
            return Either.left(InvalidStatus.of("pause", status.wire()));
        }
        return Either.right(with(JobStatus.PAUSED, actualStartTime, completedAt, failureReason));
    }

    /** paused → running. */
    public Either<BatchJobError, BatchJob> resume() {
        if (status != JobStatus.PAUSED) {
            return Either.left(InvalidStatus.of("resume", status.wire()));
        }
        return Either.right(with(JobStatus.RUNNING, actualStartTime, completedAt, failureReason));
    }

    /** scheduled|pending|running|paused → cancelled. */
    public Either<BatchJobError, BatchJob> cancel(Instant now) {
        if (status.isFinal()) {
            return Either.left(InvalidStatus.of("cancel", status.wire()));
        }
        return Either.right(with(JobStatus.CANCELLED, actualStartTime, Option.of(now), failureReason));
    }

    /** running → completed, when no contact is open any more. */
    public Either<BatchJobError, BatchJob> complete(Instant now) {
        if (status != JobStatus.RUNNING) {
            return Either.left(InvalidStatus.of("complete", status.wire()));
        }
        return Either.right(with(JobStatus.COMPLETED, actualStartTime, Option.of(now), failureReason));
    }

    /** running → failed on a job-level fatal error (e.g. the caller ID was rejected); CONTRACT §3 allows no other. */
    public Either<BatchJobError, BatchJob> fail(Instant now, String reason) {
        if (status != JobStatus.RUNNING) {
            return Either.left(InvalidStatus.of("fail", status.wire()));
        }
        return Either.right(with(JobStatus.FAILED, actualStartTime, Option.of(now),
                Option.of(io.batchcall.domain.contact.Texts.truncate(reason, MAX_DESCRIPTION_LENGTH))));
    }

    /** scheduled|pending → scheduled at a new time, which must lie in the future. */
    public Either<BatchJobError, BatchJob> reschedule(Instant startAt, Instant now) {
        if (status != JobStatus.SCHEDULED && status != JobStatus.PENDING) {
            return Either.left(InvalidStatus.of("reschedule", status.wire()));
        }
        if (endAt.exists(end -> !startAt.isBefore(end))) {
            return Either.left(new BatchJobError.InvalidInput("invalid_scheduled_time", "scheduledStartTime must lie before the job's endAt"));
        }
        // the rule of a create (CONTRACT §3): a time in the future schedules the job, any other starts it at once
        JobStatus next = startAt.isAfter(now) ? JobStatus.SCHEDULED : JobStatus.PENDING;
        return Either.right(new BatchJob(id, organizationId, name, description, agentId, fromPhoneNumberId,
                concurrentCallLimit, retryPolicy, next, Option.of(startAt), actualStartTime, completedAt,
                createdAt, failureReason, callingWindow, parentBatchJobId, machineAnswerOutcome, callers, outcomeRules, endAt, requireConsent));
    }

    /** Whether a contact of this job that ends an attempt may still be queued for a retry. */
    public boolean allowsRetries() {
        return !status.isFinal();
    }

    private BatchJob with(JobStatus next, Option<Instant> started, Option<Instant> ended, Option<String> reason) {
        return new BatchJob(id, organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit,
                retryPolicy, next, scheduledStartTime, started, ended, createdAt, reason, callingWindow, parentBatchJobId, machineAnswerOutcome, callers, outcomeRules, endAt, requireConsent);
    }

    /**
     * How many more contacts of this job may be dialed now: none unless the job is running, else as many
     * as keep both the job under its {@code concurrentCallLimit} and its organization under
     * {@code organizationCap} contacts dialing (the two-level control of CONTRACT §7). Every store claims
     * through this one rule.
     */
    public long dialSlots(long jobDialing, int organizationCap, long organizationDialing) {
        if (status != JobStatus.RUNNING) {
            return 0;
        }
        return Math.max(0, Math.min(concurrentCallLimit - jobDialing, organizationCap - organizationDialing));
    }
}
