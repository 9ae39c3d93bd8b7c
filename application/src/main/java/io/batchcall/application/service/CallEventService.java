package io.batchcall.application.service;

import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.CallEventReceipt;
import io.batchcall.application.port.in.RecordCallEvent;
import io.batchcall.application.port.out.BatchJobs;
import io.batchcall.application.port.out.ContactChange;
import io.vavr.collection.List;
import java.time.Instant;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.contact.AttemptResult;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.SipCodes;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.error.BatchJobError.InvalidInput;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** POST /batch/call-events: validates the report, then records it through the shared attempt path. */
public final class CallEventService implements RecordCallEvent {

    private final BatchJobs jobs;
    private final TimeSource time;
    private final Attempts attempts;

    public CallEventService(BatchJobs jobs, TimeSource time) {
        this.jobs = jobs;
        this.time = time;
        this.attempts = new Attempts(jobs, time);
    }

    @Override
    public List<Either<BatchJobError, CallEventReceipt>> recordAll(String organizationId, List<CallEvent> events) {
        Option<String> org = Option.of(organizationId);
        Instant now = time.now();
        java.util.List<Either<BatchJobError, CallEventReceipt>> results = new java.util.ArrayList<>(
                java.util.Collections.nCopies(events.size(), null));
        // validate each event; group the valid ones by job, keeping their positions
        java.util.Map<String, java.util.List<Integer>> byJob = new java.util.LinkedHashMap<>();
        java.util.Map<Integer, ContactChange> changes = new java.util.HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Either<BatchJobError, ContactChange> change = toChange(organizationId, events.get(i), now);
            if (change.isLeft()) {
                results.set(i, Either.left(change.getLeft()));
            } else {
                changes.put(i, change.get());
                byJob.computeIfAbsent(events.get(i).batchJobId(), k -> new java.util.ArrayList<>()).add(i);
            }
        }
        byJob.forEach((jobId, positions) -> {
            var outcome = attempts.apply(org, jobId, List.ofAll(positions).map(changes::get));
            for (int k = 0; k < positions.size(); k++) {
                int position = k;
                results.set(positions.get(k), outcome.isLeft() ? Either.left(outcome.getLeft())
                        : outcome.get().get(position).map(u -> new CallEventReceipt(u.after(), u.duplicate())));
            }
        });
        return List.ofAll(results);
    }

    private Either<BatchJobError, ContactChange> toChange(String organizationId, CallEvent e, Instant now) {
        if (e.batchJobId() == null || e.batchJobId().isBlank()) {
            return Either.left(new InvalidInput("invalid_event", "batchJobId is required"));
        }
        if (e.contactId() == null || e.contactId().isBlank()) {
            return Either.left(new InvalidInput("invalid_event", "contactId is required"));
        }
        if (e.attempt() == null || e.attempt() < 1) {
            return Either.left(new InvalidInput("invalid_event", "attempt must be an integer >= 1"));
        }
        if (!Attempts.CONNECTED.equals(e.type()) && !Attempts.ENDED.equals(e.type())) {
            return Either.left(new InvalidInput("invalid_event", "type must be 'connected' or 'ended'"));
        }
        if (e.callDuration() != null && e.callDuration() < 0) {
            return Either.left(new InvalidInput("invalid_event", "callDuration must be >= 0"));
        }
        Option<ContactStatus> outcome = Option.none();
        if (e.outcome() != null && !e.outcome().isEmpty()) {
            outcome = ContactStatus.fromWire(e.outcome()).filter(ContactStatus::isOutcome);
            if (outcome.isEmpty()) {
                return Either.left(new InvalidInput("invalid_outcome", "outcome must be one of "
                        + ContactStatus.outcomes().map(ContactStatus::wire).mkString(", ")));
            }
        }
        if (Attempts.ENDED.equals(e.type()) && outcome.isEmpty() && e.sipCode() == null) {
            return Either.left(new InvalidInput("invalid_outcome", "an ended event needs an outcome or a sipCode"));
        }
        Option<Long> seq = Contact.seqOf(e.batchJobId(), e.contactId());
        if (seq.isEmpty()) {
            // a malformed id: answered alike whether or not the job exists (or is another organization's)
            return Either.left(jobs.find(organizationId, e.batchJobId()).isEmpty()
                    ? new BatchJobError.JobNotFound(e.batchJobId()) : new BatchJobError.ContactNotFound(e.contactId()));
        }
        return Either.right(Attempts.CONNECTED.equals(e.type())
                ? Attempts.connect(seq.get(), e.attempt(), Option.of(e.roomName()))
                : Attempts.end(seq.get(), e.attempt(), toResult(e, outcome), now));
    }

    private static AttemptResult toResult(CallEvent e, Option<ContactStatus> outcome) {
        Option<String> code = Option.of(e.sipCode()).map(String::valueOf);
        ContactStatus status = outcome.getOrElse(() -> SipCodes.outcomeFor(e.sipCode()));
        return new AttemptResult(status, code, Option.of(e.failureReason()).filter(s -> !s.isBlank()),
                Option.of(e.callDuration()), Option.of(e.roomName()).filter(s -> !s.isBlank()));
    }
}
