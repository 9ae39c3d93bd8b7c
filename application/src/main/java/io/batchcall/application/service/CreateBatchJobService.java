package io.batchcall.application.service;

import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJob;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.in.CreatedJob;
import io.batchcall.application.port.in.DryRunReport;
import io.batchcall.application.port.in.MalformedUploadException;
import io.batchcall.application.port.in.SkippedRow;
import io.batchcall.application.port.out.IdSource;
import io.batchcall.application.port.out.JobRecords;
import io.batchcall.application.port.out.NewContact;
import io.batchcall.application.port.out.Suppressions;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.contact.ContactData;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.contact.Texts;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.error.BatchJobError.InvalidInput;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.RetryPolicy;
import io.batchcall.domain.window.CallingWindow;
import io.batchcall.domain.window.ContactZones;
import io.batchcall.domain.window.PhoneZones;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.DateTimeException;
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

    public CreateBatchJobService(JobRecords jobs, Suppressions suppressions, IdSource ids, TimeSource time, EngineSettings settings) {
        this.jobs = jobs;
        this.suppressions = suppressions;
        this.ids = ids;
        this.time = time;
        this.settings = settings;
        this.phoneZones = PhoneZones.bundled();
    }

    @Override
    public Either<BatchJobError, CreatedJob> create(CreateBatchJobCommand command, Iterator<ContactRow> rows) {
        return create(command, rows, Option.none());
    }

    /** A create; with {@code parent}, the new job is a retry of that job's contacts. */
    Either<BatchJobError, CreatedJob> create(CreateBatchJobCommand command, Iterator<ContactRow> rows, Option<String> parent) {
        Instant now = time.now();
        Either<BatchJobError, BatchJob> job = toJob(command, now).map(j -> parent.isDefined() ? j.withParent(parent.get()) : j);
        if (job.isLeft()) {
            return Either.left(job.getLeft());
        }
        ValidRows valid = new ValidRows(rows, job.get(), jobZone(command), now);
        long stored;
        try {
            stored = jobs.create(job.get(), valid);
        } catch (MalformedUploadException e) {
            return Either.left(new InvalidInput(e.code(), e.getMessage()));
        }
        if (stored == 0) {
            return Either.left(noValidContacts(valid));
        }
        LOG.info("job {} of {} created: {}, {} skipped, {}", job.get().id(), job.get().organizationId(), Texts.count(stored, "contact"),
                Texts.count(valid.skippedCount, "row"), job.get().status().wire());
        return Either.right(new CreatedJob(job.get(), stored, valid.skippedCount, valid.skippedInOrder(), estimate(job.get(), stored)));
    }

    @Override
    public Either<BatchJobError, DryRunReport> dryRun(CreateBatchJobCommand command, Iterator<ContactRow> rows) {
        Instant now = time.now();
        Either<BatchJobError, BatchJob> job = toJob(command, now);
        if (job.isLeft()) {
            return Either.left(job.getLeft());
        }
        ValidRows valid = new ValidRows(rows, job.get(), jobZone(command), now);
        Map<String, Long> zones = new TreeMap<>();
        long kept = 0;
        try {
            while (valid.hasNext()) {
                NewContact c = valid.next();
                c.timezone().forEach(z -> zones.merge(z, 1L, Long::sum));
                kept++;
            }
        } catch (MalformedUploadException e) {
            return Either.left(new InvalidInput(e.code(), e.getMessage()));
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

    private static Option<ZoneId> jobZone(CreateBatchJobCommand c) {
        try {
            return c.timezone() == null || c.timezone().isBlank() ? Option.none() : Option.of(ZoneId.of(c.timezone().trim()));
        } catch (DateTimeException e) {
            return Option.none(); // reported by toJob as invalid_timezone
        }
    }

    private Either<BatchJobError, BatchJob> toJob(CreateBatchJobCommand c, Instant now) {
        if (c.name() == null || c.name().isBlank()) {
            return Either.left(new InvalidInput("missing_name", "name is required"));
        }
        if (c.name().length() > BatchJob.MAX_NAME_LENGTH) {
            return Either.left(new InvalidInput("name_too_long", "name must be at most " + BatchJob.MAX_NAME_LENGTH + " characters"));
        }
        if (c.description() != null && c.description().length() > BatchJob.MAX_DESCRIPTION_LENGTH) {
            return Either.left(new InvalidInput("description_too_long",
                    "description must be at most " + BatchJob.MAX_DESCRIPTION_LENGTH + " characters"));
        }
        if (c.fromPhoneNumberId() == null || c.fromPhoneNumberId().isBlank()) {
            return Either.left(new InvalidInput("missing_from_phone_number_id", "fromPhoneNumberId is required"));
        }
        if (c.fromPhoneNumberId().length() > BatchJob.MAX_ID_LENGTH) {
            return Either.left(new InvalidInput("invalid_from_phone_number_id",
                    "fromPhoneNumberId must be at most " + BatchJob.MAX_ID_LENGTH + " characters"));
        }
        if (c.agentId() != null && c.agentId().length() > BatchJob.MAX_ID_LENGTH) {
            return Either.left(new InvalidInput("invalid_agent_id", "agentId must be at most " + BatchJob.MAX_ID_LENGTH + " characters"));
        }
        int limit = c.concurrentCallLimit() == null ? BatchJob.DEFAULT_CONCURRENT_CALL_LIMIT : c.concurrentCallLimit();
        if (limit < 1 || limit > BatchJob.MAX_CONCURRENT_CALL_LIMIT) {
            return Either.left(new InvalidInput("invalid_concurrent_call_limit",
                    "concurrentCallLimit must be between 1 and " + BatchJob.MAX_CONCURRENT_CALL_LIMIT));
        }
        Option<CallingWindow> window = settings.defaultCallingWindow();
        if (c.callingWindow() != null) {
            var w = c.callingWindow();
            Either<String, CallingWindow> parsed = CallingWindow.of(w.start(), w.end(), w.days(), w.blackoutDates());
            if (parsed.isLeft()) {
                return Either.left(new InvalidInput("invalid_calling_window", "callingWindow: " + parsed.getLeft()));
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
                    return Either.left(new InvalidInput("invalid_retryable_statuses",
                            "retryableStatuses: unknown status '" + Texts.truncate(s, 40) + "'"));
                }
                retryable.add(status.get());
            }
        }
        Option<ContactStatus> machine = Option.none();
        if (c.machineAnswerOutcome() != null && !c.machineAnswerOutcome().isBlank()) {
            machine = ContactStatus.fromWire(c.machineAnswerOutcome().trim())
                    .filter(o -> o == ContactStatus.COMPLETED || o == ContactStatus.NO_ANSWER);
            if (machine.isEmpty()) {
                return Either.left(new InvalidInput("invalid_machine_answer_outcome",
                        "machineAnswerOutcome must be completed or no_answer (a call answered by a machine counts as that)"));
            }
        }
        int maxAttempts = c.maxAttempts() == null ? RetryPolicy.DEFAULT.maxAttempts() : c.maxAttempts();
        long delay = c.retryDelaySeconds() == null ? RetryPolicy.DEFAULT.retryDelaySeconds() : c.retryDelaySeconds();
        Option<CallingWindow> jobWindow = window;
        Option<ContactStatus> jobMachine = machine;
        return RetryPolicy.of(maxAttempts, retryable, delay).flatMap(policy ->
                StartTimes.parseBounded(c.scheduledStartTime(), c.timezone()).map(start ->
                        BatchJob.create(ids.newJobId(), c.organizationId(), c.name().trim(), blankToNone(c.description()),
                                blankToNone(c.agentId()), c.fromPhoneNumberId().trim(), limit, policy, start, now)
                                .withCallingWindow(jobWindow).withMachineAnswerOutcome(jobMachine)));
    }

    private static Option<String> blankToNone(String s) {
        return s == null || s.isBlank() ? Option.none() : Option.of(s);
    }

    /**
     * Turns raw rows into stored contacts, a batch at a time (one suppression lookup per batch),
     * remembering what was skipped.
     */
    private final class ValidRows implements Iterator<NewContact> {
        private final Iterator<ContactRow> rows;
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

        ValidRows(Iterator<ContactRow> rows, BatchJob job, Option<ZoneId> jobZone, Instant now) {
            this.rows = rows;
            this.job = job;
            this.jobZone = jobZone;
            this.now = now;
        }

        /** A row that passed every check but the suppression list. */
        private record Candidate(ContactRow row, PhoneNumber phone, String zones) {
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
                ContactRow row = rows.next();
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
                if (!seen.add(key(parsed.get()))) {
                    skip(row, "duplicate_phone");
                    continue;
                }
                batch.add(new Candidate(row, parsed.get(), zones.get()));
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
                    throw new MalformedUploadException("too_many_contacts", "A job takes at most " + Texts.count(settings.maxContactsPerJob(), "contact"), null);
                }
                ready.add(new NewContact(++seq, c.phone(), c.row().contactData(), Option.of(c.zones())));
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
