package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.SqlDialect;
import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.progress.StatusBreakdown;
import io.vavr.control.Option;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A job's contacts ended in bulk, in the caller's transaction: by a cancel or a failure of the job (its status changes
 * in the same step), or by its end time (CONTRACT §16: the waiting contacts expire, the job goes on until its calls end).
 * The counters and rank counts move by the statuses' counts as locked with the job row; a mismatch means they are out of
 * step and nothing is written.
 */
final class BulkCancels {

    private BulkCancels() {
    }

    /** {@link io.batchcall.application.port.out.JobRecords#replaceAndCancelOpen}. */
    static Option<Long> cancelOpen(Connection c, SqlDialect sql, BatchJob expected, BatchJob next, Instant now,
                                   Option<String> abandonReason) throws SQLException {
        // after the claims of the organization in progress, which change waiting contacts before they lock the job row
        JobRows.lockOrganization(c, sql, expected.organizationId());
        if (abandonReason.isDefined()) {
            // the contacts in a call before the job row, in the order call events lock them: an event batch holding
            // some waits for the job row; this must not hold the job row while it waits for them
            ContactRows.lockCalls(c, sql, expected.id());
        }
        Option<JobSnapshot> locked = JobRows.load(c, expected.id(), sql.forUpdate());
        if (locked.isEmpty() || !JobRows.replace(c, expected, next)) {
            return Option.none(); // the status changed meanwhile: nothing was written
        }
        StatusBreakdown counts = locked.get().breakdown();
        List<ContactStatus> from = new ArrayList<>(List.of(ContactStatus.PENDING, ContactStatus.QUEUED));
        if (abandonReason.isDefined()) {
            from.add(ContactStatus.DIALING);
        }
        long changed = cancel(c, expected.id(), from, counts, now, abandonReason, Option.none());
        if (abandonReason.isDefined() && counts.count(ContactStatus.DIALING) > 0) {
            NumberRows.hungUpAll(c, expected.organizationId(), expected.id());
        }
        Outbox.jobChanged(c, expected, next, now);
        return Option.of(changed);
    }

    /** {@link io.batchcall.application.port.out.JobRecords#expireWaiting}. */
    static Option<Long> expireWaiting(Connection c, SqlDialect sql, BatchJob job, Instant now, String reason) throws SQLException {
        JobRows.lockOrganization(c, sql, job.organizationId());
        Option<JobSnapshot> locked = JobRows.load(c, job.id(), sql.forUpdate());
        if (locked.isEmpty() || locked.get().job().status() != job.status()) {
            return Option.none();
        }
        return Option.of(cancel(c, job.id(), List.of(ContactStatus.PENDING, ContactStatus.QUEUED), locked.get().breakdown(), now,
                Option.of(reason), Option.of(Contact.EXPIRED)));
    }

    /** The job's contacts in {@code from} become cancelled (with the reason and errorCode given); counters and ranks follow. */
    private static long cancel(Connection c, String jobId, List<ContactStatus> from, StatusBreakdown counts, Instant now,
                               Option<String> reason, Option<String> errorCode) throws SQLException {
        String in = from.stream().map(s -> "'" + s.wire() + "'").collect(Collectors.joining(", "));
        String update = "update contact set status = 'cancelled', completed_at = ?, next_retry_at = null"
                + (reason.isDefined() ? ", failure_reason = ?" : "") + (errorCode.isDefined() ? ", error_code = ?" : "")
                + " where job_id = ? and status in (" + in + ")";
        long changed;
        try (PreparedStatement ps = c.prepareStatement(update)) {
            int i = 1;
            ps.setLong(i++, now.toEpochMilli());
            if (reason.isDefined()) {
                ps.setString(i++, reason.get());
            }
            if (errorCode.isDefined()) {
                ps.setString(i++, errorCode.get());
            }
            ps.setString(i, jobId);
            changed = ps.executeUpdate();
        }
        long expected = from.stream().mapToLong(counts::count).sum();
        if (changed != expected) {
            throw new IllegalStateException("counters out of step for job " + jobId + ": " + changed + " vs " + expected);
        }
        Map<ContactStatus, Long> delta = new EnumMap<>(ContactStatus.class);
        from.forEach(s -> delta.put(s, -counts.count(s)));
        delta.put(ContactStatus.CANCELLED, expected);
        JobRows.applyCounts(c, jobId, delta);
        RankedPages.moveToCancelled(c, jobId, in);
        return changed;
    }
}
