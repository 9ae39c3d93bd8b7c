package io.batchcall.application.port.out;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** Changing contacts one attempt report at a time, idempotently. */
public interface ContactUpdates {

    /**
     * Changes of contacts of one job in one atomic step, applied in order (a contact named twice sees the first
     * change). Each change loads the contact and its job, applies its function, and stores the result (no other
     * change to that job's contacts or status interleaves). When its key is given and was recorded before, nothing
     * changes and the result is marked duplicate; otherwise the key is recorded with the change. A Left from the
     * function writes nothing (not even the key); a contact not in the job is {@link BatchJobError.ContactNotFound}.
     * Each change succeeds or fails on its own; the outer Left is for the job itself ({@link BatchJobError.JobNotFound}:
     * it does not exist, or is not {@code organizationId}'s when one is given).
     */
    Either<BatchJobError, List<Either<BatchJobError, ContactUpdate>>> updateContacts(Option<String> organizationId, String jobId,
                                                                                     List<ContactChange> changes);
}
