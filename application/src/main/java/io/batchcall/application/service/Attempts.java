package io.batchcall.application.service;

import io.batchcall.application.port.out.BatchJobs;
import io.batchcall.application.port.out.ContactUpdate;
import io.batchcall.application.port.out.EventKey;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.contact.AttemptResult;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.JobStatus;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;

/**
 * Closing and annotating attempts, shared by call events, dial failures and the attempt deadline, so
 * that all three go through one idempotent path keyed by (contact, attempt, type).
 */
final class Attempts {

    static final String CONNECTED = "connected";
    static final String ENDED = "ended";

    private final BatchJobs jobs;
    private final TimeSource time;

    Attempts(BatchJobs jobs, TimeSource time) {
        this.jobs = jobs;
        this.time = time;
    }

    Either<BatchJobError, ContactUpdate> connect(Option<String> org, String jobId, long seq, int attempt, Option<String> room) {
        return jobs.updateContact(org, jobId, seq, Option.of(new EventKey(seq, attempt, CONNECTED)), (job, contact) -> {
            if (attempt > contact.attemptCount()) {
                return Either.left(neverDialed(contact, attempt));
            }
            if (contact.status() != ContactStatus.DIALING || contact.attemptCount() != attempt) {
                return Either.right(contact); // a late report of an attempt already closed: accepted, no effect
            }
            return contact.connect(room).mapLeft(r -> new BatchJobError.StaleAttempt(r.describe()));
        });
    }

    Either<BatchJobError, ContactUpdate> end(Option<String> org, String jobId, long seq, int attempt, AttemptResult result) {
        Instant now = time.now();
        Either<BatchJobError, ContactUpdate> update = jobs.updateContact(org, jobId, seq,
                Option.of(new EventKey(seq, attempt, ENDED)), (job, contact) -> {
                    if (attempt > contact.attemptCount()) {
                        return Either.left(neverDialed(contact, attempt));
                    }
                    if (contact.status() != ContactStatus.DIALING || contact.attemptCount() != attempt) {
                        return Either.left(new BatchJobError.StaleAttempt("Attempt " + attempt + " of contact "
                                + contact.id() + " is not open (the contact is " + contact.status().wire()
                                + " after " + contact.attemptCount() + " attempt(s))"));
                    }
                    return contact.finish(result, now, job.retryPolicy(), job.allowsRetries())
                            .mapLeft(r -> new BatchJobError.InvalidInput("invalid_outcome", r.describe()));
                });
        update.filter(u -> !u.duplicate() && u.openContacts() == 0).forEach(u -> completeIfDone(jobId));
        return update;
    }

    /** running → completed once no contact of the job is open. */
    boolean completeIfDone(String jobId) {
        return jobs.findById(jobId)
                .filter(s -> s.job().status() == JobStatus.RUNNING && s.breakdown().open() == 0)
                .map(s -> s.job().complete(time.now()).map(next -> jobs.replace(s.job(), next)).getOrElse(false))
                .getOrElse(false);
    }

    private static BatchJobError neverDialed(Contact contact, int attempt) {
        return new BatchJobError.StaleAttempt("Attempt " + attempt + " of contact " + contact.id()
                + " was never dialed (" + contact.attemptCount() + " attempt(s) so far)");
    }
}
