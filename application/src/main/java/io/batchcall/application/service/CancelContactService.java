package io.batchcall.application.service;

import io.batchcall.application.port.in.CancelContact;
import io.batchcall.application.port.out.ContactUpdates;
import io.batchcall.application.port.out.JobRecords;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

/**
 * One contact cancelled by hand (CONTRACT §16), written as one contact change of its job: counted as cancelled at once;
 * the job completes when that was its last open contact, as after any contact's end.
 */
public final class CancelContactService implements CancelContact {

    /** The reason a contact cancelled by hand shows. */
    static final String REASON = "cancelled by request";

    private final JobRecords jobs;
    private final Attempts attempts;
    private final TimeSource time;

    public CancelContactService(JobRecords jobs, ContactUpdates contacts, TimeSource time) {
        this.jobs = jobs;
        this.attempts = new Attempts(jobs, contacts, time);
        this.time = time;
    }

    @Override
    public Either<BatchJobError, Contact> cancel(Command command) {
        return CallbackService.byHand(jobs, attempts, command.organizationId(), command.batchJobId(), command.contactId(),
                "cancelling a contact", (job, contact) -> {
                    if (contact.status() == ContactStatus.DIALING) {
                        return Either.left(new BatchJobError.Conflict("contact_in_call", "Contact " + contact.id()
                                + " is in a call; it ends as it would have"));
                    }
                    if (!contact.status().isOpen()) {
                        return Either.left(new BatchJobError.Conflict("contact_final", "Contact " + contact.id() + " is already "
                                + contact.status().wire()));
                    }
                    return contact.abandon(time.now(), REASON).mapLeft(r -> new BatchJobError.Conflict("contact_final", r.describe()));
                });
    }
}
