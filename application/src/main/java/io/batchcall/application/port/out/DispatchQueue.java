package io.batchcall.application.port.out;

import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactRejection;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.ClaimRule;
import io.vavr.collection.List;
import io.vavr.control.Either;

import java.time.Instant;
import java.util.function.BiFunction;

/** What the dispatcher asks of the store: due work, claimed atomically. */
public interface DispatchQueue {

    /**
     * Atomically claims due contacts of a running job in upload order: pending ones and queued ones
     * whose retry time has come, whose calling window (the job's, in the contact's zones) is open at
     * {@code now}, whose number is not in another call of the organization and is within the number
     * cap; as many as {@link BatchJob#dialSlots} allows (the job's limit and the organization's cap).
     * Applies {@code dispatch} to each and stores the results. A candidate whose number is on the
     * organization's suppression list is not dialed but made {@code blocked} (errorCode
     * {@code suppressed}) and returned with the claimed ones. Pacing (CONTRACT §14) bounds the claim too: each
     * dial takes a grant of the organization's rate and of a caller id of the job's pool ({@link
     * io.batchcall.domain.caller.Pacer}), read and written back in the same step, so that engines sharing the
     * store never exceed a rate together. Safe to call from several engines at once.
     */
    List<Contact> claimDue(String jobId, ClaimLimits limits, Instant now, ClaimRule.Dispatch dispatch);

    /**
     * {@link #claimDue(String, ClaimLimits, Instant, ClaimRule.Dispatch)} where the caller does not look at pacing:
     * each contact is still dialed from the caller id (and no earlier than the time) pacing grants.
     */
    default List<Contact> claimDue(String jobId, ClaimLimits limits, Instant now,
                                   BiFunction<BatchJob, Contact, Either<ContactRejection, Contact>> dispatch) {
        return claimDue(jobId, limits, now, (ClaimRule.Dispatch) (job, contact, grant) -> dispatch.apply(job, contact));
    }

    /** {@link #claimDue(String, ClaimLimits, Instant, BiFunction)} with only the organization cap. */
    default List<Contact> claimDue(String jobId, int organizationCap, Instant now,
                                   BiFunction<BatchJob, Contact, Either<ContactRejection, Contact>> dispatch) {
        return claimDue(jobId, ClaimLimits.of(organizationCap), now, dispatch);
    }

    /**
     * Jobs the dispatcher must look at now, with their counts: pending and running ones, and scheduled
     * ones whose start time has come (a scheduled job waiting for a later time costs a pass nothing).
     */
    List<JobSnapshot> activeJobs(Instant now);

    /** Attempts in flight that began before {@code startedBefore}. */
    List<OverdueAttempt> overdueAttempts(Instant startedBefore, int limit);

    /** The job's attempts in flight (its dialing contacts, with their calls' names), at most {@code limit}. */
    List<OverdueAttempt> callsInFlight(String jobId, int limit);

    /**
     * Waiting contacts (pending, queued) of any job whose {@code expiresAt} is at or before {@code now} (CONTRACT §16), as
     * (job id, upload position), at most {@code limit}: found by expiry, at a cost that does not grow with the contacts
     * that have not expired.
     */
    List<io.vavr.Tuple2<String, Long>> expiredContacts(Instant now, int limit);
}
