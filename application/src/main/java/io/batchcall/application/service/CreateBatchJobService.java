package io.batchcall.application.service;

import io.batchcall.application.port.in.CreateBatchJob;
import io.batchcall.application.port.in.CreateJob;
import io.batchcall.application.port.in.IdempotentCreate;
import io.batchcall.application.port.out.IdempotencyKeys;
import io.batchcall.application.port.in.CreatedJob;
import io.batchcall.application.port.in.DryRunReport;
import io.batchcall.application.port.in.ContactRows;
import io.batchcall.application.port.in.SkippedRow;
import io.batchcall.application.port.out.IdSource;
import io.batchcall.application.port.out.JobRecords;
import io.batchcall.application.port.out.NewContact;
import io.batchcall.application.port.out.Suppressions;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.contact.Texts;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.window.ContactZones;
import io.batchcall.domain.window.PhoneZones;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Validates the job's fields, then streams the rows into storage, skipping bad, duplicate, suppressed
 * and never-callable numbers; a dry run does the same and stores nothing.
 */
public final class CreateBatchJobService implements CreateBatchJob {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CreateBatchJobService.class);

    /** Rows checked against the suppression list in one lookup. */

    private final JobRecords jobs;
    private final Suppressions suppressions;
    private final IdSource ids;
    private final TimeSource time;
    private final EngineSettings settings;
    private final PhoneZones phoneZones;
    private final IdempotencyKeys idempotency;

    private final io.batchcall.application.port.out.Consents consents;

    public CreateBatchJobService(JobRecords jobs, Suppressions suppressions, io.batchcall.application.port.out.Consents consents, IdSource ids,
                                 TimeSource time, EngineSettings settings, IdempotencyKeys idempotency) {
        this.idempotency = idempotency;
        this.jobs = jobs;
        this.suppressions = suppressions;
        this.consents = consents;
        this.ids = ids;
        this.time = time;
        this.settings = settings;
        this.phoneZones = PhoneZones.bundled();
    }

    @Override
    public Either<BatchJobError, CreatedJob> create(CreateJob command, ContactRows rows) {
        return create(command, rows, Option.none());
    }

    /** A create; with {@code parent}, the new job is a retry of that job's contacts. */
    Either<BatchJobError, CreatedJob> create(CreateJob command, ContactRows rows, Option<String> parent) {
        Instant now = time.now();
        Option<BatchJobError> endAt = command.endAtProblem(now);
        if (endAt.isDefined()) {
            return Either.left(endAt.get());
        }
        BatchJob created = toJob(command, now);
        Either<BatchJobError, BatchJob> job = Either.right(parent.isDefined() ? created.withParent(parent.get()) : created);
        ValidRows valid = new ValidRows(rows, job.get(), command.timezone(), now, suppressions, consents, phoneZones, settings.maxContactsPerJob());
        long stored;
        try {
            stored = jobs.create(job.get(), valid);
        } catch (Abandoned e) {
            return Either.left(e.error);
        }
        if (stored == 0) {
            return Either.left(noValidContacts(valid));
        }
        LOG.info("job {} of {} created: {}, {} skipped, {}", job.get().id(), job.get().organizationId(), Texts.count(stored, "contact"),
                Texts.count(valid.skippedCount, "row"), job.get().status().wire());
        return Either.right(new CreatedJob(job.get(), stored, valid.skippedCount, valid.skippedInOrder(), estimate(job.get(), stored)));
    }

    @Override
    public Either<BatchJobError, IdempotentCreate.Answer> create(IdempotentCreate request, ContactRows rows) {
        return KeptAnswers.answer(idempotency, request.job().organizationId(), request.key(), request.requestHash(), time.now(),
                () -> create(request.job(), rows).map(request.answer())).map(a -> new IdempotentCreate.Answer(a._1, a._2));
    }

    @Override
    public Either<BatchJobError, DryRunReport> dryRun(CreateJob command, ContactRows rows) {
        Instant now = time.now();
        Option<BatchJobError> endAt = command.endAtProblem(now);
        if (endAt.isDefined()) {
            return Either.left(endAt.get());
        }
        Either<BatchJobError, BatchJob> job = Either.right(toJob(command, now));
        ValidRows valid = new ValidRows(rows, job.get(), command.timezone(), now, suppressions, consents, phoneZones, settings.maxContactsPerJob());
        Map<String, Long> zones = new TreeMap<>();
        Map<String, Long> groups = new TreeMap<>();
        Map<String, Long> regions = new TreeMap<>();
        long kept = 0;
        try {
            while (valid.hasNext()) {
                NewContact c = valid.next();
                c.timezone().forEach(g -> groups.merge(g, 1L, Long::sum));
                kept++;
            }
            groups.forEach((g, n) -> {
                zones.merge(ContactZones.zonesText(g), n, Long::sum);
                regions.merge(ContactZones.regionOf(g).getOrElse("unknown"), n, Long::sum);
            });
        } catch (Abandoned e) {
            return Either.left(e.error);
        }
        if (kept == 0) {
            return Either.left(noValidContacts(valid));
        }
        Instant start = job.get().scheduledStartTime().filter(t -> t.isAfter(now)).getOrElse(now);
        Option<Instant> first = Option.none();
        for (String zone : zones.keySet()) {
            Option<Instant> opens = job.get().callingWindow().isEmpty() ? Option.of(start)
                    : job.get().callingWindow().get().nextOpening(start, ContactZones.parse(zone));
            if (opens.isDefined() && (first.isEmpty() || opens.get().isBefore(first.get()))) {
                first = opens;
            }
        }
        return Either.right(new DryRunReport(job.get(), kept, valid.skippedCount, valid.skippedInOrder(), valid.skippedByReason, zones,
                first, estimate(job.get(), kept), regions));
    }

    private static BatchJobError noValidContacts(ValidRows valid) {
        return noValidContacts(valid.skippedCount, valid.skippedByReason, valid.skippedInOrder());
    }

    /** Every row was skipped: a message that says what to change for the commonest reason, the counts, the first rows. */
    static BatchJobError noValidContacts(long skippedCount, Map<String, Long> byReason, java.util.List<SkippedRow> skipped) {
        String top = byReason.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        String hint = switch (top) {
            case "missing_phone" -> "no row has a phone value: name the column 'phone' (CSV) or give each contact a 'phone' field (JSON)";
            case "invalid_phone" -> "phones must be E.164, '+' then 8–15 digits without spaces or dashes, such as +14155550123";
            case "duplicate_phone" -> "every row repeats a number already in the list";
            case "suppressed" -> "every number is on the organization's suppression list";
            case "outside_calling_window" -> "the calling window never opens for these contacts' time zones";
            case "invalid_timezone" -> "a contact's own 'timezone' must be an IANA zone id such as America/New_York";
            case "invalid_expires_at" -> "a contact's 'expiresAt' must be ISO-8601 with an offset, such as 2030-01-31T18:00:00Z";
            case "expired" -> "every contact's 'expiresAt' has already passed";
            case "invalid_region" -> "a contact's 'region' must be an ISO 3166-2 code such as US-FL or a country code such as GB";
            case "invalid_priority" -> "a contact's 'priority' must be a whole number from -99 to 99";
            case "no_consent" -> "the job requires consent and no number has one on record (POST /batch/consents)";
            case "" -> "the list has a header but no data rows";
            default -> "see skippedByReason";
        };
        String message = skippedCount == 0 ? "No contacts: " + hint
                : "No valid contact: every row was skipped (" + Texts.count(skippedCount, "row") + "; " + hint + ")";
        return new BatchJobError.NoValidContacts(message, byReason, skipped.stream().limit(BatchJobError.NoValidContacts.LISTED)
                .map(r -> new BatchJobError.NoValidContacts.Skipped(r.row(), r.value(), r.reason())).toList());
    }

    private long estimate(BatchJob job, long contacts) {
        int parallel = Math.max(1, Math.min(job.concurrentCallLimit(), settings.organizationConcurrency()));
        return (contacts + parallel - 1) / parallel * settings.assumedCallSeconds();
    }

    /** The job a checked create makes: the server's default window where the create names none. */
    private BatchJob toJob(CreateJob c, Instant now) {
        return BatchJob.create(ids.newJobId(), c.organizationId(), c.name(), c.description(), c.agentId(), c.fromPhoneNumberId(),
                        c.concurrentCallLimit(), c.retryPolicy(), c.scheduledStartTime(), now)
                .withCallingWindow(c.callingWindow().orElse(settings.defaultCallingWindow()))
                .withMachineAnswerOutcome(c.machineAnswerOutcome())
                .withOutcomeRules(c.outcomeRules())
                .withCallers(c.callers())
                .withEndAt(c.endAt())
                .withRequireConsent(c.requireConsent());
    }

    /**
     * Turns raw rows into stored contacts, a batch at a time (one suppression lookup per batch),
     * remembering what was skipped.
     */
    /**
     * Unwinds a store's import from inside the rows it reads (the store then keeps nothing of the job): the upload
     * cannot be read on, or holds more contacts than a job takes. Never leaves this class: the create answers its error.
     */
    static final class Abandoned extends RuntimeException {
        final BatchJobError error;

        Abandoned(BatchJobError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}
