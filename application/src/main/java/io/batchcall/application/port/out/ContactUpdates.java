package io.batchcall.application.port.out;

import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.function.BiFunction;

/** Changing contacts one attempt report at a time, idempotently. */
public interface ContactUpdates {

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
}
