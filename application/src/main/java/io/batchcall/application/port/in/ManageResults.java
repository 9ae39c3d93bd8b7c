package io.batchcall.application.port.in;

import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.collection.List;
import io.vavr.control.Either;

/** Getting results out of a finished job (CONTRACT §13): export, retry the failed, delete. */
public interface ManageResults {

    /** The job to export, after checking the status filter (the contacts are then read page by page). */
    Either<BatchJobError, Export> export(String organizationId, String jobId, io.vavr.collection.Set<io.batchcall.domain.contact.ContactStatus> statuses);

    /** The export's status filter as sent ({@code contactStatus}, one status or a list; empty = all): {@code invalid_contact_status}. */
    static Either<BatchJobError, io.vavr.collection.Set<io.batchcall.domain.contact.ContactStatus>> statuses(String contactStatus) {
        return io.batchcall.domain.paging.ContactQuery.parse(contactStatus, null, null).map(io.batchcall.domain.paging.ContactQuery::statuses);
    }

    /** An export under way: the job, the statuses kept (empty = all), and a way to read it in upload order. */
    interface Export {
        JobSnapshot job();

        /** The next contacts after {@code afterSeq} that pass the filter; empty at the end. */
        List<Contact> next(long afterSeq, int limit);

        /** Upload position to continue from after {@code page} (the page may have been filtered). */
        long positionAfter(long afterSeq, int limit);
    }

    /** A new job from the contacts of a final job that ended in one of {@code statuses} (default: its retryable statuses). */
    Either<BatchJobError, CreatedJob> retry(RetryRequest request);

    /** Deletes a final job with its contacts; an active job is refused. */
    Either<BatchJobError, String> delete(String organizationId, String jobId);
}
