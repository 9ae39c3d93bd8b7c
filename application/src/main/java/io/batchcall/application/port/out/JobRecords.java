package io.batchcall.application.port.out;

import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.paging.PageRequest;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Iterator;

/** Jobs as records: created with their contacts, found, listed, and changed by compare-and-set. */
public interface JobRecords {

    /**
     * Stores the job and its contacts, all or nothing (also across a crash). When {@code contacts}
     * yields nothing, nothing is written and 0 is returned. An exception thrown by the iterator aborts
     * the create and propagates; nothing is written.
     *
     * @return the number of contacts stored
     */
    long create(BatchJob job, Iterator<NewContact> contacts);

    /** The job, if it exists and belongs to the organization. */
    Option<JobSnapshot> find(String organizationId, String jobId);

    /** The job by id, whatever its organization (for the engine, never for callers). */
    Option<JobSnapshot> findById(String jobId);

    /** The job's contacts per zone group (as at its create), for the completion estimate; empty when unknown. */
    default java.util.Map<String, Long> zoneCounts(String jobId) {
        return java.util.Map.of();
    }

    /**
     * Deletes a job whose status is still {@code expected}'s (final), with its contacts and everything
     * kept about them; false when it changed or is gone. Large jobs are deleted in short steps.
     */
    boolean delete(BatchJob expected);

    /** The organization's jobs, newest first, with the total number matching. */
    Tuple2<List<JobSnapshot>, Long> list(String organizationId, Option<JobStatus> status, PageRequest page);

    /**
     * Writes {@code next} if the stored job still has {@code expected}'s status and scheduled start time
     * (a compare-and-set on what concurrent actions change); false otherwise.
     */
    boolean replace(BatchJob expected, BatchJob next);

    /**
     * Replaces the job (as {@link #replace}) and, in the same step, cancels its open contacts:
     * pending and queued ones as {@link Contact#cancel}; when {@code abandonReason} is given, dialing
     * ones too, as {@link Contact#abandon}.
     *
     * @return the number of contacts cancelled, or none when the job had changed
     */
    Option<Long> replaceAndCancelOpen(BatchJob expected, BatchJob next, Instant now, Option<String> abandonReason);

    /**
     * The job's end time passed (CONTRACT §16): every waiting contact (pending, queued) becomes {@code cancelled} with
     * errorCode {@code expired} and {@code reason}, in one step, if the job still has {@code job}'s status; contacts in a
     * call are left to end. Returns how many expired, or none when the status changed meanwhile.
     */
    Option<Long> expireWaiting(BatchJob job, Instant now, String reason);

    /** Which of {@code phones} the job has already (CONTRACT §16: an add skips them), found without reading the job. */
    java.util.Set<String> numbersInJob(String jobId, java.util.Collection<String> phones);

    /**
     * Adds contacts to the job (CONTRACT §16), all or nothing, if it is not final by then: pending, numbered after its
     * last contact whatever their {@code seq} says, counted, and seen by readers only once all are written. An exception
     * from {@code contacts} (an unreadable upload, the per-job limit) leaves nothing. Returns how many were added, or none
     * when the job is final or gone.
     */
    Option<Long> addContacts(BatchJob job, java.util.Iterator<NewContact> contacts);
}
