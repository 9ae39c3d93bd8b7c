package io.batchcall.application.port.in;

import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

/**
 * {@code POST /batch/jobs/{id}/contacts/{contactId}/cancel} (CONTRACT §16): one contact taken out of a campaign that goes
 * on — a pending or queued contact becomes {@code cancelled} and is never dialed again. {@code contact_in_call} (409) for
 * a contact dialing (its call ends as it would have), {@code contact_final} (409) for one already final,
 * {@code invalid_status} (400) for a job that is final, {@code contact_not_found} / {@code job_not_found} (404).
 */
public interface CancelContact {

    /** Whose job, which contact. */
    record Command(String organizationId, String batchJobId, String contactId) {

        public static Either<BatchJobError, Command> of(String organizationId, String batchJobId, String contactId) {
            return GetContactTimeline.Query.of(organizationId, batchJobId, contactId)
                    .map(q -> new Command(q.organizationId(), q.batchJobId(), q.contactId()));
        }
    }

    /** The contact, cancelled. */
    Either<BatchJobError, Contact> cancel(Command command);
}
