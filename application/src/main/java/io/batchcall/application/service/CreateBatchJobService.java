package io.batchcall.application.service;

import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJob;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.in.CreatedJob;
import io.batchcall.application.port.in.MalformedUploadException;
import io.batchcall.application.port.in.SkippedRow;
import io.batchcall.application.port.out.JobRecords;
import io.batchcall.application.port.out.IdSource;
import io.batchcall.application.port.out.NewContact;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.contact.ContactData;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.error.BatchJobError.InvalidInput;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.RetryPolicy;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/** Validates the job's fields, then streams the rows into storage, skipping bad and duplicate phones. */
public final class CreateBatchJobService implements CreateBatchJob {

    private final JobRecords jobs;
    private final IdSource ids;
    private final TimeSource time;
    private final EngineSettings settings;

    public CreateBatchJobService(JobRecords jobs, IdSource ids, TimeSource time, EngineSettings settings) {
        this.jobs = jobs;
        this.ids = ids;
        this.time = time;
        this.settings = settings;
    }

    @Override
    public Either<BatchJobError, CreatedJob> create(CreateBatchJobCommand command, Iterator<ContactRow> rows) {
        Instant now = time.now();
        Either<BatchJobError, BatchJob> job = toJob(command, now);
        if (job.isLeft()) {
            return Either.left(job.getLeft());
        }
        ValidRows valid = new ValidRows(rows, settings.maxContactsPerJob());
        long stored;
        try {
            stored = jobs.create(job.get(), valid);
        } catch (MalformedUploadException e) {
            return Either.left(new InvalidInput(e.code(), e.getMessage()));
        }
        if (stored == 0) {
            return Either.left(new InvalidInput("no_valid_contacts",
                    "No valid contact: every row was skipped (" + valid.skippedCount + " skipped; phones must be E.164 such as +14155550123)"));
        }
        int parallel = Math.max(1, Math.min(job.get().concurrentCallLimit(), settings.organizationConcurrency()));
        long estimate = (stored + parallel - 1) / parallel * settings.assumedCallSeconds();
        return Either.right(new CreatedJob(job.get(), stored, valid.skippedCount, List.copyOf(valid.skipped), estimate));
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
        List<ContactStatus> retryable = new ArrayList<>();
        if (c.retryableStatuses() == null) {
            retryable.addAll(RetryPolicy.DEFAULT.retryableStatuses().toJavaList());
        } else {
            for (String s : c.retryableStatuses()) {
                Option<ContactStatus> status = ContactStatus.fromWire(s);
                if (status.isEmpty()) {
                    return Either.left(new InvalidInput("invalid_retryable_statuses",
                            "retryableStatuses: unknown status '" + s + "'"));
                }
                retryable.add(status.get());
            }
        }
        int maxAttempts = c.maxAttempts() == null ? RetryPolicy.DEFAULT.maxAttempts() : c.maxAttempts();
        long delay = c.retryDelaySeconds() == null ? RetryPolicy.DEFAULT.retryDelaySeconds() : c.retryDelaySeconds();
        return RetryPolicy.of(maxAttempts, retryable, delay).flatMap(policy ->
                StartTimes.parse(c.scheduledStartTime(), c.timezone(), now).map(start ->
                        BatchJob.create(ids.newJobId(), c.organizationId(), c.name().trim(), blankToNone(c.description()),
                                blankToNone(c.agentId()), c.fromPhoneNumberId().trim(), limit, policy, start, now)));
    }

    private static Option<String> blankToNone(String s) {
        return s == null || s.isBlank() ? Option.none() : Option.of(s);
    }

    /** Turns raw rows into stored contacts, one at a time, remembering what was skipped. */
    private static final class ValidRows implements Iterator<NewContact> {
        private final Iterator<ContactRow> rows;
        private final long max;
        /** E.164 numbers as longs (digits × 16 + digit count, so "+0123…" and "+123…" differ): a third of the memory of strings. */
        private final Set<Long> seen = new HashSet<>();
        private final List<SkippedRow> skipped = new ArrayList<>();
        private long skippedCount;
        private long seq;
        private NewContact next;

        ValidRows(Iterator<ContactRow> rows, long max) {
            this.rows = rows;
            this.max = max;
        }

        @Override
        public boolean hasNext() {
            while (next == null && rows.hasNext()) {
                ContactRow row = rows.next();
                String phone = row.phone() == null ? null : row.phone().trim();
                Either<String, PhoneNumber> parsed = PhoneNumber.parse(phone);
                if (parsed.isLeft()) {
                    skip(row, phone == null || phone.isEmpty() ? "missing_phone" : "invalid_phone");
                } else if (ContactData.problem(row.contactData()).isDefined()) {
                    skip(row, ContactData.problem(row.contactData()).get());
                } else if (!seen.add(key(parsed.get()))) {
                    skip(row, "duplicate_phone");
                } else {
                    if (seq >= max) {
                        throw new MalformedUploadException("too_many_contacts",
                                "A job takes at most " + max + " contacts", null);
                    }
                    next = new NewContact(++seq, parsed.get(), row.contactData());
                }
            }
            return next != null;
        }

        @Override
        public NewContact next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            NewContact n = next;
            next = null;
            return n;
        }

        private static long key(PhoneNumber phone) {
            String digits = phone.value().substring(1);
            return Long.parseLong(digits) * 16 + digits.length();
        }

        private void skip(ContactRow row, String reason) {
            skippedCount++;
            if (skipped.size() < MAX_REPORTED_SKIPS) {
                skipped.add(new SkippedRow(row.row(), io.batchcall.domain.contact.Texts.truncate(row.phone(), 64), reason));
            }
        }
    }
}
