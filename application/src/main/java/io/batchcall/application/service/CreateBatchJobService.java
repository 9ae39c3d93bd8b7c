package io.batchcall.application.service;

import io.batchcall.application.port.in.ContactRow;
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
import io.batchcall.domain.contact.ContactData;
import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.contact.Texts;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.error.BatchJobError.InvalidInput;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.window.ContactZones;
import io.batchcall.domain.window.PhoneZones;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;

/**
 * Validates the job's fields, then streams the rows into storage, skipping bad, duplicate, suppressed
 * and never-callable numbers; a dry run does the same and stores nothing.
 */
public final class CreateBatchJobService implements CreateBatchJob {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CreateBatchJobService.class);

    /** Rows checked against the suppression list in one lookup. */
    private static final int SUPPRESSION_BATCH = 1000;

    private final JobRecords jobs;
    private final Suppressions suppressions;
    private final IdSource ids;
    private final TimeSource time;
    private final EngineSettings settings;
    private final PhoneZones phoneZones;
    private final IdempotencyKeys idempotency;

    public CreateBatchJobService(JobRecords jobs, Suppressions suppressions, IdSource ids, TimeSource time, EngineSettings settings) {
        this(jobs, suppressions, ids, time, settings, new io.batchcall.application.memory.InMemoryIdempotencyKeys());
    }

    public CreateBatchJobService(JobRecords jobs, Suppressions suppressions, IdSource ids, TimeSource time, EngineSettings settings,
                                 IdempotencyKeys idempotency) {
        this.idempotency = idempotency;
        this.jobs = jobs;
        this.suppressions = suppressions;
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
        ValidRows valid = new ValidRows(rows, job.get(), command.timezone(), now);
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
        String org = request.job().organizationId();
        IdempotencyKeys.Claim claim = idempotency.claim(org, request.key(), request.requestHash(), time.now());
        if (claim instanceof IdempotencyKeys.Claim.Replay replay) {
            return Either.right(new IdempotentCreate.Answer(replay.response(), true));
        }
        if (claim instanceof IdempotencyKeys.Claim.Mismatch) {
            return Either.left(new BatchJobError.Conflict("idempotency_key_reused", "This Idempotency-Key was used for a different request"));
        }
        if (claim instanceof IdempotencyKeys.Claim.InProgress) {
            return Either.left(new BatchJobError.Conflict("idempotency_key_in_use",
                    "A request with this Idempotency-Key is being answered; retry shortly"));
        }
        boolean kept = false;
        try {
            Either<BatchJobError, IdempotentCreate.Answer> answered = create(request.job(), rows).map(created -> {
                String answer = request.answer().apply(created);
                idempotency.complete(org, request.key(), answer);
                return new IdempotentCreate.Answer(answer, false);
            });
            kept = answered.isRight();
            return answered;
        } finally {
            if (!kept) {
                idempotency.release(org, request.key());
            }
        }
    }

    @Override
    public Either<BatchJobError, DryRunReport> dryRun(CreateJob command, ContactRows rows) {
        Instant now = time.now();
        Option<BatchJobError> endAt = command.endAtProblem(now);
        if (endAt.isDefined()) {
            return Either.left(endAt.get());
        }
        Either<BatchJobError, BatchJob> job = Either.right(toJob(command, now));
        ValidRows valid = new ValidRows(rows, job.get(), command.timezone(), now);
        Map<String, Long> zones = new TreeMap<>();
        long kept = 0;
        try {
            while (valid.hasNext()) {
                NewContact c = valid.next();
                c.timezone().forEach(z -> zones.merge(z, 1L, Long::sum));
                kept++;
            }
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
                first, estimate(job.get(), kept)));
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
                .withEndAt(c.endAt());
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

    private final class ValidRows implements Iterator<NewContact> {
        private final ContactRows rows;
        private final BatchJob job;
        private final Option<ZoneId> jobZone;
        private final Instant now;
        /** E.164 numbers as longs ({@link #key}: "+0123…" and "+123…" differ): a third of the memory of strings. */
        private final Set<Long> seen = new HashSet<>();
        /** Per zone text: whether the job's window ever opens there. */
        private final Map<String, Boolean> everCallable = new HashMap<>();
        private final List<SkippedRow> skipped = new ArrayList<>();
        private final ArrayDeque<NewContact> ready = new ArrayDeque<>();
        private long skippedCount;
        /** Every skipped row counted by reason (the listed rows stop at {@link CreateBatchJob#MAX_REPORTED_SKIPS}). */
        private final Map<String, Long> skippedByReason = new TreeMap<>();
        private long seq;

        ValidRows(ContactRows rows, BatchJob job, Option<ZoneId> jobZone, Instant now) {
            this.rows = rows;
            this.job = job;
            this.jobZone = jobZone;
            this.now = now;
        }

        /** A row that passed every check but the suppression list. */
        private record Candidate(ContactRow row, PhoneNumber phone, String zones, Option<Instant> expiresAt) {
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && rows.hasNext()) {
                fill();
            }
            return !ready.isEmpty();
        }

        private void fill() {
            List<Candidate> batch = new ArrayList<>(SUPPRESSION_BATCH);
            while (batch.size() < SUPPRESSION_BATCH && rows.hasNext()) {
                Either<BatchJobError, ContactRow> read = rows.next();
                if (read.isLeft()) {
                    throw new Abandoned(read.getLeft());
                }
                ContactRow row = read.get();
                String phone = row.phone() == null ? null : row.phone().trim();
                Either<String, PhoneNumber> parsed = PhoneNumber.parse(phone);
                if (parsed.isLeft()) {
                    skip(row, phone == null || phone.isEmpty() ? "missing_phone" : "invalid_phone");
                    continue;
                }
                Option<String> dataProblem = ContactData.problem(row.contactData());
                if (dataProblem.isDefined()) {
                    skip(row, dataProblem.get());
                    continue;
                }
                Object own = row.contactData().get("timezone");
                Either<String, String> zones = ContactZones.resolve(Option.of(own).map(String::valueOf), parsed.get().value(), jobZone, phoneZones);
                if (zones.isLeft()) {
                    skip(row, zones.getLeft());
                    continue;
                }
                if (!callable(zones.get())) {
                    skip(row, "outside_calling_window");
                    continue;
                }
                Either<String, Option<Instant>> expiry = io.batchcall.domain.contact.Expiry.parse(row.contactData().get(io.batchcall.domain.contact.Expiry.FIELD));
                if (expiry.isLeft() || expiry.get().exists(t -> !t.isAfter(now))) {
                    skip(row, expiry.isLeft() ? "invalid_expires_at" : "expired");
                    continue;
                }
                if (!seen.add(key(parsed.get()))) {
                    skip(row, "duplicate_phone");
                    continue;
                }
                batch.add(new Candidate(row, parsed.get(), zones.get(), expiry.get()));
            }
            if (batch.isEmpty()) {
                return;
            }
            Set<String> suppressed = suppressions.suppressedAmong(job.organizationId(), batch.stream().map(c -> c.phone().value()).toList());
            for (Candidate c : batch) {
                if (suppressed.contains(c.phone().value())) {
                    skip(c.row(), "suppressed");
                    continue;
                }
                if (seq >= settings.maxContactsPerJob()) {
                    throw new Abandoned(new InvalidInput("too_many_contacts", "A job takes at most "
                            + Texts.count(settings.maxContactsPerJob(), "contact")));
                }
                ready.add(new NewContact(++seq, c.phone(), c.row().contactData(), Option.of(c.zones()), c.expiresAt()));
            }
        }

        private boolean callable(String zones) {
            if (job.callingWindow().isEmpty()) {
                return true;
            }
            return everCallable.computeIfAbsent(zones, z -> job.callingWindow().get().nextOpening(now, ContactZones.parse(z)).isDefined());
        }

        @Override
        public NewContact next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        /**
         * The number as one long: its digit count times 10^15 plus its digits (E.164 has at most 15). Not digits × 16
         * + count: that left the four low bits alike for numbers of one length, which is where HashMap buckets
         * come from — a sixteenth of the buckets, chained and treeified, cost an import of 1M rows a fifth of its time.
         */
        private static long key(PhoneNumber phone) {
            String digits = phone.value().substring(1);
            return digits.length() * 1_000_000_000_000_000L + Long.parseLong(digits);
        }

        /** The reported skipped rows by row number (suppressed rows are found a batch later than the others). */
        List<SkippedRow> skippedInOrder() {
            return skipped.stream().sorted(java.util.Comparator.comparingLong(SkippedRow::row)).toList();
        }

        private void skip(ContactRow row, String reason) {
            skippedCount++;
            skippedByReason.merge(reason, 1L, Long::sum);
            if (skipped.size() < MAX_REPORTED_SKIPS) {
                skipped.add(new SkippedRow(row.row(), Texts.truncate(row.phone(), 64), reason));
            }
        }
    }
}
