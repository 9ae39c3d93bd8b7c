package io.batchcall.application.port.in;

import io.batchcall.domain.caller.CallerPool;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.Texts;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.error.BatchJobError.InvalidInput;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.RetryPolicy;
import io.batchcall.domain.window.CallingWindow;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A create, checked: built only by {@link #of}, which takes the fields as sent ({@link CreateBatchJobCommand},
 * null = absent) and answers the first problem as a {@link BatchJobError} (the codes of docs/api.md). After it
 * no field is null or unchecked; what is absent is {@link Option#none()}.
 *
 * @param callingWindow the job's own window; none: the server's default applies
 * @param timezone      the job's zone: the zone of a start time without an offset, and of contacts with none of their own
 */
public record CreateJob(String organizationId, String name, Option<String> description, Option<String> agentId, String fromPhoneNumberId,
                        int concurrentCallLimit, RetryPolicy retryPolicy, Option<Instant> scheduledStartTime, Option<ZoneId> timezone,
                        Option<CallingWindow> callingWindow, Option<ContactStatus> machineAnswerOutcome, CallerPool callers,
                        io.batchcall.domain.job.OutcomeRules outcomeRules, Option<Instant> endAt, boolean requireConsent) {

    /** A create that does not require consent (CONTRACT §17). */
    public CreateJob(String organizationId, String name, Option<String> description, Option<String> agentId, String fromPhoneNumberId,
                     int concurrentCallLimit, RetryPolicy retryPolicy, Option<Instant> scheduledStartTime, Option<ZoneId> timezone,
                     Option<CallingWindow> callingWindow, Option<ContactStatus> machineAnswerOutcome, CallerPool callers,
                     io.batchcall.domain.job.OutcomeRules outcomeRules, Option<Instant> endAt) {
        this(organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit, retryPolicy, scheduledStartTime, timezone,
                callingWindow, machineAnswerOutcome, callers, outcomeRules, endAt, false);
    }

    /** A create without an end time. */
    public CreateJob(String organizationId, String name, Option<String> description, Option<String> agentId, String fromPhoneNumberId,
                     int concurrentCallLimit, RetryPolicy retryPolicy, Option<Instant> scheduledStartTime, Option<ZoneId> timezone,
                     Option<CallingWindow> callingWindow, Option<ContactStatus> machineAnswerOutcome, CallerPool callers,
                     io.batchcall.domain.job.OutcomeRules outcomeRules) {
        this(organizationId, name, description, agentId, fromPhoneNumberId, concurrentCallLimit, retryPolicy, scheduledStartTime, timezone,
                callingWindow, machineAnswerOutcome, callers, outcomeRules, Option.none());
    }

    /**
     * Whether the end time, if any, is one this create can have at {@code now} (CONTRACT §16): in the future, and after the
     * scheduled start when there is one; else {@code invalid_end_at}.
     */
    public Option<BatchJobError> endAtProblem(Instant now) {
        if (endAt.isEmpty()) {
            return Option.none();
        }
        if (!endAt.get().isAfter(now)) {
            return Option.of(new InvalidInput("invalid_end_at", "endAt must lie in the future"));
        }
        if (scheduledStartTime.exists(start -> !endAt.get().isAfter(start))) {
            return Option.of(new InvalidInput("invalid_end_at", "endAt must lie after scheduledStartTime"));
        }
        return Option.none();
    }

    /** The latest accepted start: the end of year 9999 (four-digit ISO years; no arithmetic on it overflows). */
    static final Instant LATEST_START = Instant.parse("9999-12-31T23:59:59Z");

    /** The create's fields checked one by one, in the order of docs/api.md; the first problem is the answer. */
    public static Either<BatchJobError, CreateJob> of(CreateBatchJobCommand c) {
        if (c.name() == null || c.name().isBlank()) {
            return invalid("missing_name", "name is required");
        }
        if (c.name().length() > BatchJob.MAX_NAME_LENGTH) {
            return invalid("name_too_long", "name must be at most " + BatchJob.MAX_NAME_LENGTH + " characters");
        }
        if (c.description() != null && c.description().length() > BatchJob.MAX_DESCRIPTION_LENGTH) {
            return invalid("description_too_long", "description must be at most " + BatchJob.MAX_DESCRIPTION_LENGTH + " characters");
        }
        boolean noPrimary = c.fromPhoneNumberId() == null || c.fromPhoneNumberId().isBlank();
        if (noPrimary && c.fromPhoneNumberIds() == null) {
            return invalid("missing_from_phone_number_id", "fromPhoneNumberId (or fromPhoneNumberIds) is required");
        }
        if (!noPrimary && c.fromPhoneNumberId().length() > BatchJob.MAX_ID_LENGTH) {
            return invalid("invalid_from_phone_number_id", "fromPhoneNumberId must be at most " + BatchJob.MAX_ID_LENGTH + " characters");
        }
        Either<BatchJobError, CallerPool> pool = CallerPool.of(noPrimary ? null : c.fromPhoneNumberId().trim(),
                c.fromPhoneNumberIds() == null ? null : c.fromPhoneNumberIds().stream().map(id -> id == null ? null : id.trim()).toList(),
                c.callerIdSelection() == null ? null : c.callerIdSelection().trim(), c.stickyCallerId());
        if (pool.isLeft()) {
            return Either.left(pool.getLeft());
        }
        CallerPool callers = pool.get();
        if (c.agentId() != null && c.agentId().length() > BatchJob.MAX_ID_LENGTH) {
            return invalid("invalid_agent_id", "agentId must be at most " + BatchJob.MAX_ID_LENGTH + " characters");
        }
        int limit = c.concurrentCallLimit() == null ? BatchJob.DEFAULT_CONCURRENT_CALL_LIMIT : c.concurrentCallLimit();
        if (limit < 1 || limit > BatchJob.MAX_CONCURRENT_CALL_LIMIT) {
            return invalid("invalid_concurrent_call_limit", "concurrentCallLimit must be between 1 and " + BatchJob.MAX_CONCURRENT_CALL_LIMIT);
        }
        Option<CallingWindow> window = Option.none();
        if (c.callingWindow() != null) {
            var w = c.callingWindow();
            Either<String, CallingWindow> parsed = CallingWindow.of(w.start(), w.end(), w.days(), w.blackoutDates());
            if (parsed.isLeft()) {
                return invalid("invalid_calling_window", "callingWindow: " + parsed.getLeft());
            }
            window = Option.of(parsed.get());
        }
        List<ContactStatus> retryable = new ArrayList<>();
        if (c.retryableStatuses() == null) {
            retryable.addAll(RetryPolicy.DEFAULT.retryableStatuses().toJavaList());
        } else {
            for (String s : c.retryableStatuses()) {
                Option<ContactStatus> status = ContactStatus.fromWire(s);
                if (status.isEmpty()) {
                    return invalid("invalid_retryable_statuses", "retryableStatuses: unknown status '" + Texts.truncate(s, 40) + "'");
                }
                retryable.add(status.get());
            }
        }
        Option<ContactStatus> machine = Option.none();
        if (c.machineAnswerOutcome() != null && !c.machineAnswerOutcome().isBlank()) {
            machine = ContactStatus.fromWire(c.machineAnswerOutcome().trim()).filter(o -> o == ContactStatus.COMPLETED || o == ContactStatus.NO_ANSWER);
            if (machine.isEmpty()) {
                return invalid("invalid_machine_answer_outcome",
                        "machineAnswerOutcome must be completed or no_answer (a call answered by a machine counts as that)");
            }
        }
        var checkedRules = io.batchcall.domain.job.OutcomeRules.of(c.finalDispositions(), c.optOutDispositions(), null);
        if (checkedRules.isLeft()) {
            return invalid("invalid_dispositions", checkedRules.getLeft());
        }
        if (c.maxCallbacks() != null && (c.maxCallbacks() < 0 || c.maxCallbacks() > io.batchcall.domain.job.OutcomeRules.MAX_CALLBACKS)) {
            return invalid("invalid_max_callbacks", "maxCallbacks must be an integer from 0 to " + io.batchcall.domain.job.OutcomeRules.MAX_CALLBACKS);
        }
        var outcomeRules = io.batchcall.domain.job.OutcomeRules.of(c.finalDispositions(), c.optOutDispositions(), c.maxCallbacks()).get();
        if (c.voicemail() != null) {
            var v = c.voicemail();
            var policy = io.batchcall.domain.job.Voicemail.of(v.action(), v.message(), v.outcome(), machine);
            if (policy.isLeft()) {
                return invalid("invalid_voicemail", policy.getLeft());
            }
            outcomeRules = outcomeRules.withVoicemail(policy.get());
            // the voicemail outcome is the job's rule for machine answers (machineAnswerOutcome is its shorthand)
            machine = Option.of(policy.get().machineOutcome());
        }
        var rules = outcomeRules;
        int maxAttempts = c.maxAttempts() == null ? RetryPolicy.DEFAULT.maxAttempts() : c.maxAttempts();
        long delay = c.retryDelaySeconds() == null ? RetryPolicy.DEFAULT.retryDelaySeconds() : c.retryDelaySeconds();
        Option<CallingWindow> jobWindow = window;
        Option<ContactStatus> jobMachine = machine;
        var jobRules = rules;
        return RetryPolicy.of(maxAttempts, retryable, delay).flatMap(policy -> zone(c.timezone()).flatMap(zone ->
                startTime(c.scheduledStartTime(), zone).flatMap(start -> startTime(c.endAt(), zone)
                        .mapLeft(e -> (BatchJobError) new InvalidInput("invalid_end_at",
                                "endAt must be ISO-8601, e.g. 2030-01-31T18:00:00Z or 2030-01-31T18:00:00 with a timezone"))
                        .map(end -> new CreateJob(c.organizationId(), c.name().trim(),
                        blankToNone(c.description()), blankToNone(c.agentId()), callers.primary(), limit, policy, start, zone,
                        jobWindow, jobMachine, callers, jobRules, end, Boolean.TRUE.equals(c.requireConsent()))))));
    }

    /** A job's zone as sent: an IANA id, checked whenever given. */
    public static Either<BatchJobError, Option<ZoneId>> zone(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return Either.right(Option.none());
        }
        if (timezone.length() > 64) {
            return invalid("invalid_timezone", "timezone must be an IANA zone id such as Europe/Paris");
        }
        try {
            return Either.right(Option.of(ZoneId.of(timezone.trim())));
        } catch (DateTimeException e) {
            return invalid("invalid_timezone", "timezone must be an IANA zone id such as Europe/Paris; got '" + Texts.truncate(timezone, 64) + "'");
        }
    }

    /** A start time as sent: ISO-8601 with an offset, or local to {@code zone} (UTC when none); between 1970 and 9999. */
    public static Either<BatchJobError, Option<Instant>> startTime(String raw, Option<ZoneId> zone) {
        if (raw == null || raw.isBlank()) {
            return Either.right(Option.none());
        }
        String s = raw.trim();
        if (s.length() > 64) {
            return invalid("invalid_scheduled_time", "scheduledStartTime is not an ISO-8601 time");
        }
        Instant t;
        try {
            t = OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException withOffset) {
            try {
                t = LocalDateTime.parse(s).atZone(zone.getOrElse(ZoneId.of("UTC"))).toInstant();
            } catch (DateTimeException local) {
                return invalid("invalid_scheduled_time",
                        "scheduledStartTime must be ISO-8601, e.g. 2030-01-31T09:00:00Z or 2030-01-31T09:00:00 with a timezone");
            }
        }
        if (t.isBefore(Instant.EPOCH) || t.isAfter(LATEST_START)) {
            return invalid("invalid_scheduled_time", "scheduledStartTime must lie between 1970-01-01 and 9999-12-31");
        }
        return Either.right(Option.of(t));
    }

    private static Option<String> blankToNone(String s) {
        return s == null || s.isBlank() ? Option.none() : Option.of(s);
    }

    private static <T> Either<BatchJobError, T> invalid(String code, String message) {
        return Either.left(new InvalidInput(code, message));
    }
}
