package io.batchcall.application.service;

import io.batchcall.application.port.out.ContactUpdates;
import io.batchcall.application.port.out.JobRecords;
import io.batchcall.application.port.out.ContactChange;
import io.batchcall.application.port.out.ContactUpdate;
import io.batchcall.application.port.out.EventKey;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.contact.AttemptResult;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.JobStatus;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.function.BiFunction;

/**
 * Closing and annotating attempts, shared by call events, dial failures and the attempt deadline, so
 * that all three go through one idempotent path keyed by (contact, attempt, type).
 */
final class Attempts {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Attempts.class);
    static final String CONNECTED = "connected";
    static final String ENDED = "ended";
    /**
     * The key of an attempt closed by the engine itself (dial refused, deadline passed): not "ended", so
     * that a real "ended" report arriving later is answered stale_attempt, not taken for a repeat of it.
     */
    static final String CLOSED = "closed";

    private final JobRecords jobs;
    private final ContactUpdates contacts;
    private final TimeSource time;

    Attempts(JobRecords jobs, ContactUpdates contacts, TimeSource time) {
        this.jobs = jobs;
        this.contacts = contacts;
        this.time = time;
    }

    /** The change a "connected" report makes: records the room; a late report of a closed attempt has no effect. */
    static ContactChange connect(long seq, int attempt, Option<String> room) {
        return new ContactChange(seq, Option.of(new EventKey(seq, attempt, CONNECTED)), (job, contact) -> {
            if (attempt > contact.attemptCount()) {
                return Either.left(neverDialed(contact, attempt));
            }
            if (contact.status() != ContactStatus.DIALING || contact.attemptCount() != attempt) {
                return Either.right(contact);
            }
            return contact.connect(room).mapLeft(r -> new BatchJobError.StaleAttempt(r.describe()));
        });
    }

    /** Names the call of an open attempt (the provider's id for it, as its room); no effect once the attempt closed. Not keyed. */
    static ContactChange name(long seq, int attempt, String call) {
        return new ContactChange(seq, Option.none(), (job, contact) -> {
            if (contact.status() != ContactStatus.DIALING || contact.attemptCount() != attempt) {
                return Either.right(contact);
            }
            return contact.connect(Option.of(call)).mapLeft(r -> new BatchJobError.StaleAttempt(r.describe()));
        });
    }

    /**
     * The change an "ended" report makes: the attempt's outcome, queued for a retry or terminal. An attempt answered by a
     * machine counts as the job's rule says (CONTRACT §15): {@code no_answer} (retried like one; the default), or
     * {@code completed} with errorCode {@code voicemail}.
     */
    static ContactChange end(long seq, int attempt, AttemptResult result, Instant now) {
        return close(seq, attempt, result, now, ENDED);
    }

    /**
     * What the conversation decides (CONTRACT §15): a final or opt-out disposition ends the contact (no further attempt); a
     * requested callback, while the contact has callbacks left and its job runs on, queues it for that time (never earlier),
     * outside its attempts. A callback beyond {@code maxCallbacks} is not scheduled (the attempt is recorded as reported).
     */
    static Contact decide(BatchJob job, Contact before, Contact finished, io.batchcall.domain.contact.Conversation said, Instant now) {
        if (job.outcomeRules().ends(said.disposition())) {
            return finished.settle(now);
        }
        if (said.callbackAt().isEmpty() || !job.allowsRetries() || callbacksUsed(job, before) >= job.outcomeRules().maxCallbacks()) {
            return finished;
        }
        return io.batchcall.domain.contact.Callbacks.resolve(said.callbackAt().get(), before.timezone())
                .map(at -> at.isBefore(now) ? now : at)
                .flatMap(at -> finished.callback(at).toOption())
                .getOrElse(finished);
    }

    /** Callbacks a contact was given so far: each added one attempt to its job's. */
    static int callbacksUsed(BatchJob job, Contact contact) {
        return Math.max(0, contact.maxAttempts() - job.retryPolicy().maxAttempts());
    }

    static AttemptResult machineRule(BatchJob job, AttemptResult result) {
        if (!result.conversation().answeredBy().contains(io.batchcall.domain.contact.AnsweredBy.MACHINE)) {
            return result;
        }
        ContactStatus rule = job.machineAnswerOutcome().getOrElse(ContactStatus.NO_ANSWER);
        return rule == ContactStatus.COMPLETED
                ? new AttemptResult(ContactStatus.COMPLETED, Option.of("voicemail"), Option.none(), result.callDuration(), result.roomName(),
                        result.conversation())
                : new AttemptResult(ContactStatus.NO_ANSWER, result.errorCode(), result.failureReason().orElse(Option.of("answered by a machine")),
                        result.callDuration(), result.roomName(), result.conversation());
    }

    private static ContactChange close(long seq, int attempt, AttemptResult result, Instant now, String keyType) {
        BiFunction<BatchJob, Contact, Either<BatchJobError, Contact>> change = (job, contact) -> {
            if (attempt > contact.attemptCount()) {
                return Either.left(neverDialed(contact, attempt));
            }
            if (contact.status() != ContactStatus.DIALING || contact.attemptCount() != attempt) {
                return Either.left(new BatchJobError.StaleAttempt("Attempt " + attempt + " of contact " + contact.id()
                        + " is not open (the contact is " + contact.status().wire() + " after " + contact.attemptCount() + " attempt(s))"));
            }
            return contact.finish(machineRule(job, result), now, job.retryPolicy(), job.allowsRetries())
                    .map(finished -> decide(job, contact, finished, result.conversation(), now))
                    .mapLeft(r -> new BatchJobError.InvalidInput("invalid_outcome", r.describe()));
        };
        return new ContactChange(seq, Option.of(new EventKey(seq, attempt, keyType)), change);
    }

    /**
     * The engine undoes a dial the telephony side refused for now: the attempt is not counted and the
     * contact waits until {@code retryAt}. Not keyed: the same attempt may be deferred again after it
     * (the change itself only applies to a contact dialing that attempt).
     */
    Either<BatchJobError, ContactUpdate> deferByEngine(String jobId, long seq, int attempt, Instant retryAt, String reason) {
        ContactChange change = new ContactChange(seq, Option.none(), (job, contact) -> {
            if (contact.status() != ContactStatus.DIALING || contact.attemptCount() != attempt) {
                return Either.left(new BatchJobError.StaleAttempt("Attempt " + attempt + " of contact " + contact.id() + " is not open"));
            }
            return contact.defer(retryAt, reason).mapLeft(r -> new BatchJobError.StaleAttempt(r.describe()));
        });
        return apply(Option.none(), jobId, List.of(change)).flatMap(List::head);
    }

    /**
     * The engine stopped an attempt's call at the provider before anyone answered, because its job was cancelled: the
     * contact is cancelled with the reason (the attempt had no outcome). Not keyed; only a contact dialing that attempt.
     */
    Either<BatchJobError, ContactUpdate> abandonByEngine(String jobId, long seq, int attempt, String reason) {
        ContactChange change = new ContactChange(seq, Option.none(), (job, contact) -> {
            if (contact.status() != ContactStatus.DIALING || contact.attemptCount() != attempt) {
                return Either.left(new BatchJobError.StaleAttempt("Attempt " + attempt + " of contact " + contact.id() + " is not open"));
            }
            return contact.abandon(time.now(), reason).mapLeft(r -> new BatchJobError.StaleAttempt(r.describe()));
        });
        return apply(Option.none(), jobId, List.of(change)).flatMap(List::head);
    }

    /** Applies changes to one job in one step, then completes the job if nothing is left open. */
    Either<BatchJobError, List<Either<BatchJobError, ContactUpdate>>> apply(Option<String> org, String jobId, List<ContactChange> changes) {
        var results = contacts.updateContacts(org, jobId, changes);
        results.forEach(list -> {
            if (list.exists(r -> r.isRight() && !r.get().duplicate() && r.get().openContacts() == 0)) {
                completeIfDone(jobId);
            }
        });
        return results;
    }

    /** The engine closes an attempt itself (dial refused, deadline passed). */
    Either<BatchJobError, ContactUpdate> closeByEngine(String jobId, long seq, int attempt, AttemptResult result) {
        return apply(Option.none(), jobId, List.of(close(seq, attempt, result, time.now(), CLOSED))).flatMap(List::head);
    }

    /** running → completed once no contact of the job is open. */
    boolean completeIfDone(String jobId) {
        var done = jobs.findById(jobId)
                .filter(s -> s.job().status() == JobStatus.RUNNING && s.breakdown().open() == 0)
                .filter(s -> s.job().complete(time.now()).map(next -> jobs.replace(s.job(), next)).getOrElse(false));
        done.forEach(s -> LOG.info("job {} of {} completed ({})", jobId, s.job().organizationId(),
                io.batchcall.domain.contact.Texts.count(s.breakdown().total(), "contact")));
        return done.isDefined();
    }

    private static BatchJobError neverDialed(Contact contact, int attempt) {
        return new BatchJobError.StaleAttempt("Attempt " + attempt + " of contact " + contact.id()
                + " was never dialed (" + contact.attemptCount() + " attempt(s) so far)");
    }
}
