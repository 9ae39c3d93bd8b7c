package io.batchcall.application.port.in;

import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

/**
 * {@code POST /batch/jobs/{id}/contacts/{contactId}/callback {"at"}} (CONTRACT §15): a contact not in a call is queued to
 * be dialed at that time — never earlier, at its window's next opening if closed then — outside its {@code maxAttempts}.
 * {@code contact_in_call} (409) for a contact dialing, {@code callback_limit} (409) past the job's {@code maxCallbacks},
 * {@code invalid_callback} (400) for a time that does not read or lies more than 30 days ahead, {@code invalid_status}
 * (400) for a job that is final.
 */
public interface ScheduleCallback {

    /** Whose job, which contact, when (ISO-8601 with an offset, or {@code YYYY-MM-DDTHH:mm} in the contact's zone). */
    record Command(String organizationId, String batchJobId, String contactId, String at) {

        public static Either<BatchJobError, Command> of(String organizationId, String batchJobId, String contactId, String at) {
            var ids = GetContactTimeline.Query.of(organizationId, batchJobId, contactId);
            if (ids.isLeft()) {
                return Either.left(ids.getLeft());
            }
            if (at == null || !CallEvent.callbackTime(at)) {
                return Either.left(new BatchJobError.InvalidInput("invalid_callback",
                        "at must be ISO-8601 with an offset (2026-03-03T10:00:00+01:00) or YYYY-MM-DDTHH:mm in the contact's time zone"));
            }
            return Either.right(new Command(organizationId, batchJobId, contactId, at));
        }
    }

    /** The contact, queued for its callback. */
    Either<BatchJobError, Contact> schedule(Command command);
}
