package io.batchcall.application.port.out;

import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactRejection;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.paging.ContactQuery;
import io.batchcall.domain.paging.PageRequest;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Iterator;
import java.util.function.BiFunction;

/**
 * Storage of batch jobs and their contacts. Every method is atomic, and every implementation
 * keeps the per-status counts exact at all times (they are never recomputed by scanning).
 * One contract test suite holds all implementations to the same behaviour.
 */
public interface BatchJobs {

    /**
     * Stores the job and its contacts, all or nothing. When {@code contacts} yields nothing, nothing
     * is written and 0 is returned. An exception thrown by the iterator aborts the create and
     * propagates; nothing is written.
     *
     * @return the number of contacts stored
     */
    long create(BatchJob job, Iterator<NewContact> contacts);

    /** The job, if it exists and belongs to the organization. */
    Option<JobSnapshot> find(String organizationId, String jobId);

    /** The job by id, whatever its organization (for the engine, never for callers). */
    Option<JobSnapshot> findById(String jobId);

    /** The organization's jobs, newest first, with the total number matching. */
    Tuple2<List<JobSnapshot>, Long> list(String organizationId, Option<JobStatus> status, PageRequest page);

    /** One page of a job's contacts matching the query's status filter, in upload order. */
    List<Contact> contacts(String jobId, ContactQuery query);

    /**
     * The same page, given the job's counts as just read: a store may use them to locate the page
     * without reading them again. Pages read while nothing changes still partition the matches exactly.
     */
    default List<Contact> contacts(JobSnapshot job, ContactQuery query) {
        return contacts(job.job().id(), query);
    }

    /** One contact by its upload position. */
    Option<Contact> contact(String jobId, long seq);

    /** Writes {@code next} if the stored job still has {@code expected}'s status and scheduled start time (a compare-and-set on what concurrent actions change); false otherwise. */
    boolean replace(BatchJob expected, BatchJob next);

    /**
     * Replaces the job (as {@link #replace}) and, in the same step, cancels its open contacts:
     * pending and queued ones as {@link Contact#cancel}; when {@code abandonReason} is given, dialing
     * ones too, as {@link Contact#abandon}.
     *
     * @return the number of contacts cancelled, or none when the job's status had changed
     */
    Option<Long> replaceAndCancelOpen(BatchJob expected, BatchJob next, Instant now, Option<String> abandonReason);

    /**
     * Loads the contact and its job, applies {@code change}, and stores the result, atomically
     * (no other change to that job's contacts or status interleaves). When {@code key} is given and
     * was recorded before, nothing changes and the result is marked duplicate; otherwise the key is
     * recorded with the change. A Left from {@code change} writes nothing (not even the key).
     * A job that does not exist, or does not belong to {@code organizationId} when one is given, is
     * {@link BatchJobError.JobNotFound}; a contact not in the job is {@link BatchJobError.ContactNotFound}.
     */
    default Either<BatchJobError, ContactUpdate> updateContact(Option<String> organizationId, String jobId, long seq, Option<EventKey> key,
                                                               BiFunction<BatchJob, Contact, Either<BatchJobError, Contact>> change) {
        return updateContacts(organizationId, jobId, List.of(new ContactChange(seq, key, change))).flatMap(List::head);
    }

    /**
     * Several {@link #updateContact} steps on one job in one atomic step, applied in order (a contact
     * named twice sees the first change). Each change succeeds or fails on its own; the outer Left is
     * for the job itself (not found, or another organization's).
     */
    Either<BatchJobError, List<Either<BatchJobError, ContactUpdate>>> updateContacts(Option<String> organizationId, String jobId,
                                                                                     List<ContactChange> changes);

    /**
     * Atomically claims due contacts of a running job (pending, or queued with nextRetryAt ≤ now) in
     * upload order, at most as many as keep the job under its concurrentCallLimit and the job's
     * organization under {@code organizationCap} contacts dialing; applies {@code dispatch} to each
     * and stores the results. Safe to call from several engines at once.
     */
    List<Contact> claimDue(String jobId, int organizationCap, Instant now,
                           BiFunction<BatchJob, Contact, Either<ContactRejection, Contact>> dispatch);

    /** Jobs the dispatcher must look at (pending, scheduled and running), with their counts. */
    List<JobSnapshot> activeJobs();

    /** Attempts in flight that began before {@code startedBefore}. */
    List<OverdueAttempt> overdueAttempts(Instant startedBefore, int limit);
}
