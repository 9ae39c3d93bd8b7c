package io.batchcall.application.service;

import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.ContactRows;
import io.batchcall.application.port.in.SkippedRow;
import io.batchcall.application.port.out.NewContact;
import io.batchcall.application.port.out.Suppressions;
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
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static io.batchcall.application.port.in.CreateBatchJob.MAX_REPORTED_SKIPS;

/**
 * Turns raw rows into contacts to store, a batch at a time (one suppression lookup per batch, and for an add to a job
 * one lookup of the numbers already in it), remembering what was skipped: bad, duplicate, suppressed, out of the
 * window, expired rows. Numbered from {@code firstSeq + 1}; past the per-job limit the import is abandoned.
 */
final class ValidRows implements java.util.Iterator<NewContact> {
    /** Rows checked against the suppression list (and the job's numbers) together. */
    static final int SUPPRESSION_BATCH = 1000;

    private final ContactRows rows;
    private final Suppressions suppressions;
    private final PhoneZones phoneZones;
    private final long maxContactsPerJob;
    /** For an add: which of these numbers the job has already (none for a create). */
    private final Function<List<String>, Set<String>> inJob;
    private final BatchJob job;
    private final Option<ZoneId> jobZone;
    private final Instant now;
    /** E.164 numbers as longs ({@link #key}: "+0123…" and "+123…" differ): a third of the memory of strings. */
    private final Set<Long> seen = new HashSet<>();
    /** Per zone text: whether the job's window ever opens there. */
    private final Map<String, Boolean> everCallable = new HashMap<>();
    private final Map<String, Map<String, String>> groups = new HashMap<>();
    private final List<SkippedRow> skipped = new ArrayList<>();
    private final ArrayDeque<NewContact> ready = new ArrayDeque<>();
    long skippedCount;
    /** Every skipped row counted by reason (the listed rows stop at {@code MAX_REPORTED_SKIPS}). */
    final Map<String, Long> skippedByReason = new TreeMap<>();
    private long seq;
    private final io.batchcall.application.port.out.Consents consents;

    /** The rows of a new job. */
    ValidRows(ContactRows rows, BatchJob job, Option<ZoneId> jobZone, Instant now, Suppressions suppressions, io.batchcall.application.port.out.Consents consents,
              PhoneZones phoneZones, long maxContactsPerJob) {
        this(rows, job, jobZone, now, suppressions, consents, phoneZones, maxContactsPerJob, 0, phones -> Set.of());
    }

    /** The rows added to a job that has {@code firstSeq} contacts; {@code inJob} says which numbers it has already. */
    ValidRows(ContactRows rows, BatchJob job, Option<ZoneId> jobZone, Instant now, Suppressions suppressions, io.batchcall.application.port.out.Consents consents,
              PhoneZones phoneZones, long maxContactsPerJob, long firstSeq, Function<List<String>, Set<String>> inJob) {
        this.rows = rows;
        this.consents = consents;
        this.job = job;
        this.jobZone = jobZone;
        this.now = now;
        this.suppressions = suppressions;
        this.phoneZones = phoneZones;
        this.maxContactsPerJob = maxContactsPerJob;
        this.seq = firstSeq;
        this.inJob = inJob;
    }

    /** A row that passed every check but the suppression list. */
    private record Candidate(ContactRow row, PhoneNumber phone, String zones, Option<Instant> expiresAt, Option<Integer> priority) {
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
                throw new CreateBatchJobService.Abandoned(read.getLeft());
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
            // CONTRACT §17: the contact's region (its own, else its number's) joins its zones in the group it is called by
            Either<String, Option<String>> region = io.batchcall.domain.window.PhoneRegions.bundled()
                    .resolve(row.contactData().get(io.batchcall.domain.window.PhoneRegions.FIELD), parsed.get().value());
            if (region.isLeft()) {
                skip(row, "invalid_region");
                continue;
            }
            Either<String, Option<Instant>> expiry = io.batchcall.domain.contact.Expiry.parse(row.contactData().get(io.batchcall.domain.contact.Expiry.FIELD));
            if (expiry.isLeft() || expiry.get().exists(t -> !t.isAfter(now))) {
                skip(row, expiry.isLeft() ? "invalid_expires_at" : "expired");
                continue;
            }
            Either<String, Option<Integer>> priority = io.batchcall.domain.contact.Priority.parse(
                    row.contactData().get(io.batchcall.domain.contact.Priority.FIELD));
            if (priority.isLeft()) {
                skip(row, "invalid_priority");
                continue;
            }
            if (!seen.add(key(parsed.get()))) {
                skip(row, "duplicate_phone");
                continue;
            }
            batch.add(new Candidate(row, parsed.get(), group(zones.get(), region.get()), expiry.get(), priority.get()));
        }
        if (batch.isEmpty()) {
            return;
        }
        List<String> phones = batch.stream().map(c -> c.phone().value()).toList();
        Set<String> suppressed = suppressions.suppressedAmong(job.organizationId(), phones);
        // CONTRACT §17: a job that requires consent takes only numbers with one in force
        Set<String> consented = job.requireConsent() ? consents.consentedAmong(job.organizationId(), phones) : null;
        Set<String> already = inJob.apply(phones);
        for (Candidate c : batch) {
            if (already.contains(c.phone().value())) {
                skip(c.row(), "duplicate_in_job");
                continue;
            }
            if (suppressed.contains(c.phone().value())) {
                skip(c.row(), "suppressed");
                continue;
            }
            if (consented != null && !consented.contains(c.phone().value())) {
                skip(c.row(), "no_consent");
                continue;
            }
            if (seq >= maxContactsPerJob) {
                throw new CreateBatchJobService.Abandoned(new InvalidInput("too_many_contacts", "A job takes at most "
                        + Texts.count(maxContactsPerJob, "contact")));
            }
            ready.add(new NewContact(++seq, c.phone(), c.row().contactData(), Option.of(c.zones()), c.expiresAt(), c.priority()));
        }
    }

    /** A contact's call group, one String per (zones, region) of the upload: a row costs two lookups, no new String. */
    private String group(String zones, Option<String> region) {
        return groups.computeIfAbsent(zones, z -> new HashMap<>()).computeIfAbsent(region.getOrElse(""), r -> ContactZones.group(zones, region));
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
