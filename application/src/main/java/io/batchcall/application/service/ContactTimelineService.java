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

/**
 * A contact's timeline: the job (the organization's, else not found), the contact by its id, its closed attempts from
 * the store. Waits: the one the contact is in now, when its calling window holds it (the history of waits is not kept
 * yet — docs/api.md).
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
        var found = Contact.seqOf(query.batchJobId(), query.contactId()).flatMap(seq -> conversations.withAttempts(query.batchJobId(), seq));
        if (found.isEmpty()) {
            return Either.left(new BatchJobError.ContactNotFound(query.contactId()));
        }
        Contact c = found.get()._1;
        java.time.Instant now = time.now();
        var next = Callable.nextCallableAt(job.get().job().callingWindow(), c, now);
        List<Wait> waits = next.isDefined() && c.isDue(now) ? List.of(new Wait(now, next, "calling_window")) : List.empty();
        return Either.right(new Timeline(c, next, found.get()._2, waits));
    }
}
