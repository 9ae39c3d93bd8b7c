package io.batchcall.application.port.in;

import io.batchcall.application.port.out.AttemptRecord;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;

/**
 * {@code GET /batch/jobs/{id}/contacts/{contactId}} (CONTRACT §15): one contact as the detail shows it, with its closed
 * attempts and the last times it was due and not dialed. Another organization's job answers as one that does not
 * exist; a contact the job does not have is {@code contact_not_found}.
 */
public interface GetContactTimeline {

    /** Whose job, which contact: checked when built. */
    record Query(String organizationId, String batchJobId, String contactId) {

        public static Either<BatchJobError, Query> of(String organizationId, String batchJobId, String contactId) {
            if (batchJobId == null || batchJobId.isBlank() || batchJobId.length() > CallEvent.MAX_ID) {
                return Either.left(new BatchJobError.JobNotFound(batchJobId == null ? "" : batchJobId.substring(0, Math.min(CallEvent.MAX_ID, batchJobId.length()))));
            }
            if (contactId == null || contactId.isBlank() || contactId.length() > CallEvent.MAX_ID) {
                return Either.left(new BatchJobError.ContactNotFound(contactId == null ? "" : contactId.substring(0, Math.min(CallEvent.MAX_ID, contactId.length()))));
            }
            return Either.right(new Query(organizationId, batchJobId, contactId));
        }
    }

    /** A time the contact was due and not dialed, with until when and why (CONTRACT §15's reasons). */
    record Wait(Instant at, Option<Instant> until, String reason) {
    }

    /**
     * The contact, when it can next be dialed (none: callable now, or not waiting), its attempts, oldest first, its waits
     * (the latest 20, oldest first), and how many of its attempts a machine answered ({@code voicemails}).
     */
    record Timeline(Contact contact, Option<Instant> nextCallableAt, List<AttemptRecord> attempts, List<Wait> waits) {

        public int voicemails() {
            return attempts.count(a -> a.conversation().answeredBy().contains(io.batchcall.domain.contact.AnsweredBy.MACHINE));
        }
    }

    Either<BatchJobError, Timeline> timeline(Query query);
}
