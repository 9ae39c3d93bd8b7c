package io.batchcall.application.service;

import io.batchcall.application.port.in.GetContactTimeline;
import io.batchcall.application.port.out.ConversationRecords;
import io.batchcall.application.port.out.JobRecords;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.window.Callable;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.batchcall.application.port.out.AttemptRecord;
import io.batchcall.domain.job.ContactWait;

/**
 * A contact's timeline: the job (the organization's, else not found), the contact by its id, its closed attempts and
 * its recorded waits from the store. A wait recorded without an end ended when the next attempt began (or goes on); a
 * contact held by its calling window now shows that wait last, until the window opens for it.
 */
public final class ContactTimelineService implements GetContactTimeline {

    private final JobRecords jobs;
    private final ConversationRecords conversations;
    private final TimeSource time;

    public ContactTimelineService(JobRecords jobs, ConversationRecords conversations, TimeSource time) {
        this.jobs = jobs;
        this.conversations = conversations;
        this.time = time;
    }

    @Override
    public Either<BatchJobError, Timeline> timeline(Query query) {
        var job = jobs.find(query.organizationId(), query.batchJobId());
        if (job.isEmpty()) {
            return Either.left(new BatchJobError.JobNotFound(query.batchJobId()));
        }
        var found = Contact.seqOf(query.batchJobId(), query.contactId()).flatMap(seq -> conversations.history(query.batchJobId(), seq));
        if (found.isEmpty()) {
            return Either.left(new BatchJobError.ContactNotFound(query.contactId()));
        }
        Contact c = found.get().contact();
        java.time.Instant now = time.now();
        var next = Callable.nextCallableAt(job.get().job().callingWindow(), c, now);
        List<AttemptRecord> attempts = found.get().attempts();
        List<Wait> waits = found.get().waits()
                .map(w -> new Wait(w.at(), w.until().orElse(() -> endOf(w.at(), c, attempts)), w.reason()));
        if (next.isDefined() && c.isDue(now)) {
            java.time.Instant due = c.status() == io.batchcall.domain.contact.ContactStatus.QUEUED ? c.nextRetryAt().getOrElse(now)
                    : job.get().job().actualStartTime().getOrElse(now);
            waits = waits.append(new Wait(due.isAfter(now) ? now : due, next, ContactWait.CALLING_WINDOW));
        }
        return Either.right(new Timeline(c, next, attempts, waits.takeRight(ContactWait.KEPT)));
    }

    /** When a wait recorded without an end ended: the first attempt that began after it, or the call the contact is in now. */
    private static Option<java.time.Instant> endOf(java.time.Instant at, Contact c, List<AttemptRecord> attempts) {
        Option<java.time.Instant> next = attempts.flatMap(a -> a.startedAt()).filter(s -> s.isAfter(at)).headOption();
        return next.orElse(() -> c.status() == io.batchcall.domain.contact.ContactStatus.DIALING
                ? c.lastAttemptAt().filter(s -> s.isAfter(at)) : Option.none());
    }
}
