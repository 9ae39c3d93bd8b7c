package io.batchcall.adapter.persistence.job;

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
        return store(c, sql, job, before, changed, eventTime, jobStatus, Option.none());
    }

    /** {@link #store(Connection, SqlDialect, BatchJob, Map, java.util.List, java.time.Instant, JobStatus)}, with the job's dial window as it becomes. */
    static Option<Long> store(Connection c, SqlDialect sql, BatchJob job, Map<Long, Contact> before, java.util.List<Contact> changed,
                              java.time.Instant eventTime, JobStatus jobStatus, Option<io.batchcall.domain.caller.DialWindow> dials)
            throws SQLException {
        String jobId = job.id();
        java.util.List<Contact> hungUp = changed.stream().filter(now -> before.get(now.seq()).status() == ContactStatus.DIALING
                && now.status() != ContactStatus.DIALING).toList();
        if (!hungUp.isEmpty()) {
            NumberRows.hungUp(c, sql, job.organizationId(), hungUp);
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
        ContactRows.write(c, changed);
        Option<Long> open = JobRows.applyCounts(c, jobId, delta, stats, Option.of(jobStatus), dials);
        if (open.isEmpty()) {
            return open;
        }
        RankedPages.apply(c, jobId, ranks);
        Outbox.contactsChanged(c, job, before, changed, eventTime);
        return open;
    }
}
