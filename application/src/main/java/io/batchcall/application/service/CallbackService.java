package io.batchcall.application.service;

import io.batchcall.application.port.in.ScheduleCallback;
import io.batchcall.application.port.out.ContactChange;
import io.batchcall.application.port.out.ContactUpdates;
import io.batchcall.application.port.out.JobRecords;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.contact.Callbacks;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;

/** A callback asked for by hand (CONTRACT §15), written as one contact change of its job. */
public final class CallbackService implements ScheduleCallback {

    private final JobRecords jobs;
    private final Attempts attempts;
    private final TimeSource time;

    public CallbackService(JobRecords jobs, ContactUpdates contacts, TimeSource time) {
        this.jobs = jobs;
        this.attempts = new Attempts(jobs, contacts, time);
        this.time = time;
    }

    /**
     * One contact of an organization's job changed by hand, as one change of its job: the job (else not found; final:
     * {@code invalid_status}, {@code what} says what needed it open), the contact by its id (else not found), then
     * {@code decide} on the contact as it is when the change is written.
     */
    static Either<BatchJobError, Contact> byHand(JobRecords jobs, Attempts attempts, String organizationId, String batchJobId,
                                                 String contactId, String what,
                                                 java.util.function.BiFunction<io.batchcall.domain.job.BatchJob, Contact, Either<BatchJobError, Contact>> decide) {
        var job = jobs.find(organizationId, batchJobId);
        if (job.isEmpty()) {
            return Either.left(new BatchJobError.JobNotFound(batchJobId));
        }
        if (job.get().job().status().isFinal()) {
            return Either.left(new BatchJobError.InvalidStatus("invalid_status", "Batch job is " + job.get().job().status().wire()
                    + "; " + what + " needs a job that is not final"));
        }
        Option<Long> seq = Contact.seqOf(batchJobId, contactId);
        if (seq.isEmpty()) {
            return Either.left(new BatchJobError.ContactNotFound(contactId));
        }
        ContactChange change = new ContactChange(seq.get(), Option.none(), decide::apply);
        return attempts.apply(Option.of(organizationId), batchJobId, List.of(change))
                .flatMap(results -> results.head().map(io.batchcall.application.port.out.ContactUpdate::after));
    }

    @Override
    public Either<BatchJobError, Contact> schedule(Command command) {
        Instant now = time.now();
        return byHand(jobs, attempts, command.organizationId(), command.batchJobId(), command.contactId(), "a callback", (j, contact) -> {
            if (contact.status() == ContactStatus.DIALING) {
                return Either.left(new BatchJobError.Conflict("contact_in_call", "Contact " + contact.id() + " is in a call"));
            }
            if (Attempts.callbacksUsed(j, contact) >= j.outcomeRules().maxCallbacks()) {
                return Either.left(new BatchJobError.Conflict("callback_limit", "Contact " + contact.id() + " was given its "
                        + j.outcomeRules().maxCallbacks() + " callbacks (maxCallbacks)"));
            }
            Option<Instant> at = Callbacks.resolve(command.at(), contact.timezone());
            if (at.isEmpty() || !Callbacks.withinHorizon(at.get(), now)) {
                return Either.left(new BatchJobError.InvalidInput("invalid_callback", "at must be at most 30 days ahead"));
            }
            return contact.callback(at.get().isBefore(now) ? now : at.get())
                    .mapLeft(r -> new BatchJobError.Conflict("contact_in_call", r.describe()));
        });
    }
}
