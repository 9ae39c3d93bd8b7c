package io.batchcall.application.port.out;

import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactRejection;
import io.batchcall.domain.job.BatchJob;
import io.vavr.collection.List;
import io.vavr.control.Either;

import java.time.Instant;
import java.util.function.BiFunction;

/** What the dispatcher asks of the store: due work, claimed atomically. */
public interface DispatchQueue {

    /**
     * Atomically claims due contacts of a running job (pending, or queued with nextRetryAt ≤ now) in
     * upload order, as many as {@link BatchJob#dialSlots} allows (the job's limit and the
     * organization's cap); applies {@code dispatch} to each and stores the results. Safe to call from
     * several engines at once.
     */
    List<Contact> claimDue(String jobId, int organizationCap, Instant now,
                           BiFunction<BatchJob, Contact, Either<ContactRejection, Contact>> dispatch);

    /**
     * Jobs the dispatcher must look at now, with their counts: pending and running ones, and scheduled
     * ones whose start time has come (a scheduled job waiting for a later time costs a pass nothing).
     */
    List<JobSnapshot> activeJobs(Instant now);

    /** Attempts in flight that began before {@code startedBefore}. */
    List<OverdueAttempt> overdueAttempts(Instant startedBefore, int limit);
}
