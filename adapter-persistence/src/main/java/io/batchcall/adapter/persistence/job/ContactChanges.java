package io.batchcall.adapter.persistence.job;

import io.batchcall.domain.error.BatchJobError;
import io.batchcall.application.port.out.ContactUpdate;
import io.batchcall.application.port.out.ContactChange;
import io.batchcall.application.port.out.EventKey;
import io.batchcall.domain.progress.StatusBreakdown;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.util.HashMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import io.batchcall.adapter.persistence.SqlDialect;

import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.JobStatus;
import io.vavr.control.Option;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;

/**
 * Storing changed contacts: the rows, the job's per-status counters and attempt statistics, the rank
 * buckets, the numbers whose call ended, and the webhook outbox: all in the caller's transaction.
 */
final class ContactChanges {

    private ContactChanges() {
    }

    /**
     * Writes changed contacts (at least one) with their counter and rank deltas; numbers whose call ended are free
     * again; the webhook events the changes produce go to the outbox, stamped {@code eventTime}. The job row's update
     * (which locks it) comes after the contacts, and only while the job still has {@code jobStatus}.
     *
     * @return the job's open contacts after the write; none when the job no longer has {@code jobStatus}: its row, ranks
     *         and outbox were then not written (the caller rolls back)
     */
    static Option<Long> store(Connection c, SqlDialect sql, BatchJob job, Map<Long, Contact> before, java.util.List<Contact> changed,
                              java.time.Instant eventTime, JobStatus jobStatus) throws SQLException {
        return store(c, sql, job, before, changed, eventTime, jobStatus, Option.none(), true);
    }

    /** {@link #store(Connection, SqlDialect, BatchJob, Map, java.util.List, java.time.Instant, JobStatus)}, with the job's dial window as it becomes. */
    static Option<Long> store(Connection c, SqlDialect sql, BatchJob job, Map<Long, Contact> before, java.util.List<Contact> changed,
                              java.time.Instant eventTime, JobStatus jobStatus, Option<io.batchcall.domain.caller.DialWindow> dials)
            throws SQLException {
        return store(c, sql, job, before, changed, eventTime, jobStatus, dials, true);
    }

    /**
     * {@link #store(Connection, SqlDialect, BatchJob, Map, java.util.List, java.time.Instant, JobStatus, Option)};
     * {@code numberConversations}: whether the numbers' latest conversations are recorded (ADR 15).
     */
    static Option<Long> store(Connection c, SqlDialect sql, BatchJob job, Map<Long, Contact> before, java.util.List<Contact> changed,
                              java.time.Instant eventTime, JobStatus jobStatus, Option<io.batchcall.domain.caller.DialWindow> dials,
                              boolean numberConversations) throws SQLException {
        String jobId = job.id();
        java.util.List<Contact> hungUp = changed.stream().filter(now -> before.get(now.seq()).status() == ContactStatus.DIALING
                && now.status() != ContactStatus.DIALING).toList();
        if (!hungUp.isEmpty()) {
            NumberRows.hungUp(c, sql, job.organizationId(), hungUp);
            if (numberConversations) {
                NumberRows.conversed(c, sql, job.organizationId(), hungUp.stream().filter(now -> now.conversedAfter(before.get(now.seq()))).toList());
            }
        }
        Map<ContactStatus, Long> delta = new EnumMap<>(ContactStatus.class);
        java.util.List<RankedPages.RankDelta> ranks = new ArrayList<>();
        JobSnapshot.AttemptStats stats = JobSnapshot.AttemptStats.NONE;
        for (Contact now : changed) {
            Contact was = before.get(now.seq());
            stats = stats.plus(JobSnapshot.AttemptStats.of(job, was, now));
            if (was.status() != now.status()) {
                delta.merge(was.status(), -1L, Long::sum);
                delta.merge(now.status(), 1L, Long::sum);
                ranks.add(new RankedPages.RankDelta(was.status(), RankedPages.bucketOf(was.seq()), -1));
                ranks.add(new RankedPages.RankDelta(now.status(), RankedPages.bucketOf(now.seq()), 1));
            }
        }
        ContactWrites.write(c, sql, changed);
        AttemptRows.changed(c, sql, jobId, before, changed, eventTime);
        Option<Long> open = JobRows.applyCounts(c, jobId, delta, stats, Option.of(jobStatus), dials);
        if (open.isEmpty()) {
            return open;
        }
        RankedPages.apply(c, jobId, ranks);
        Outbox.contactsChanged(c, job, before, changed, eventTime);
        return open;
    }

    /**
     * One try of {@code JdbcBatchJobs.updateContacts}, in the caller's transaction; none when the job's status changed meanwhile, or one of the contacts entered a
     * call between its reads (then nothing was written).
     */
    static Option<Either<BatchJobError, List<Either<BatchJobError, ContactUpdate>>>> applyOnce(Connection c, SqlDialect sql,
            Option<String> organizationId, String jobId, List<ContactChange> changes, java.time.Instant now, boolean numberConversations)
            throws SQLException {
        Option<JobSnapshot> job = JobRows.load(c, jobId, "")
                .filter(s -> organizationId.forAll(org -> org.equals(s.job().organizationId())));
        if (job.isEmpty()) {
            return Option.of(Either.left(new BatchJobError.JobNotFound(jobId)));
        }
        Set<Long> seqs = new TreeSet<>();
        changes.forEach(ch -> seqs.add(ch.seq()));
        Option<Map<Long, Contact>> read = ContactRows.loadAllLockingCalls(c, sql, jobId, seqs);
        if (read.isEmpty()) {
            c.rollback();
            return Option.none();
        }
        Map<Long, Contact> current = read.get();
        Set<EventKey> seen = ContactRows.events(c, sql, jobId, current);
        StatusBreakdown counts = job.get().breakdown();
        Map<Long, Contact> original = new HashMap<>(current);
        java.util.List<EventKey> newKeys = new ArrayList<>();
        java.util.List<Either<BatchJobError, ContactUpdate>> results = new ArrayList<>(changes.size());
        for (ContactChange ch : changes) {
            Contact before = current.get(ch.seq());
            if (before == null) {
                results.add(Either.left(new BatchJobError.ContactNotFound(Contact.idFor(jobId, ch.seq()))));
                continue;
            }
            if (ch.key().isDefined() && seen.contains(ch.key().get())) {
                results.add(Either.right(new ContactUpdate(before, before, true, counts.open())));
                continue;
            }
            Either<BatchJobError, Contact> after = ch.change().apply(job.get().job(), before);
            if (after.isLeft()) {
                results.add(Either.left(after.getLeft()));
                continue;
            }
            current.put(ch.seq(), after.get());
            counts = counts.moved(before.status(), after.get().status());
            ch.key().forEach(k -> {
                seen.add(k);
                newKeys.add(k);
            });
            results.add(Either.right(new ContactUpdate(before, after.get(), false, counts.open())));
        }
        java.util.List<Contact> changed = new ArrayList<>();
        for (Map.Entry<Long, Contact> e : current.entrySet()) {
            if (!e.getValue().equals(original.get(e.getKey()))) {
                changed.add(e.getValue());
            }
        }
        Map<Boolean, java.util.List<EventKey>> inCall = newKeys.stream()
                .collect(Collectors.partitioningBy(k -> original.get(k.seq()).status() == ContactStatus.DIALING));
        ContactRows.insertEvents(c, sql, jobId, original, inCall.get(true), inCall.get(false));
        if (!changed.isEmpty()) {
            Option<Long> open = store(c, sql, job.get().job(), original, changed, now, job.get().job().status(), Option.none(),
                    numberConversations);
            if (open.isEmpty()) {
                c.rollback();
                return Option.none();
            }
            // the counts read first may be older (on PostgreSQL); the job row's, once written, are exact
            long correction = open.get() - counts.open();
            if (correction != 0) {
                results.replaceAll(r -> r.map(u -> new ContactUpdate(u.before(), u.after(), u.duplicate(), u.openContacts() + correction)));
            }
        }
        return Option.of(Either.right(List.ofAll(results)));
    }
}
