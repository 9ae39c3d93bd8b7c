package io.batchcall.application.service;

import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.CallEventReceipt;
import io.batchcall.application.port.in.RecordCallEvent;
import io.batchcall.application.port.out.ContactUpdates;
import io.batchcall.application.port.out.JobRecords;
import io.batchcall.application.port.out.Suppressions;
import io.batchcall.application.port.out.ContactChange;
import io.vavr.collection.List;
import java.time.Instant;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.contact.AttemptResult;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.SipCodes;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** POST /batch/call-events: validates the report, then records it through the shared attempt path. */
public final class CallEventService implements RecordCallEvent {

    private final JobRecords jobs;
    private final Suppressions suppressions;
    private final TimeSource time;
    private final Attempts attempts;

    public CallEventService(JobRecords jobs, ContactUpdates contacts, Suppressions suppressions, TimeSource time) {
        this.jobs = jobs;
        this.suppressions = suppressions;
        this.time = time;
        this.attempts = new Attempts(jobs, contacts, time);
    }

    @Override
    public List<Either<BatchJobError, CallEventReceipt>> recordAll(String organizationId, List<CallEvent> events) {
        Option<String> org = Option.of(organizationId);
        Instant now = time.now();
        CallEvent[] input = events.toJavaArray(CallEvent[]::new);
        @SuppressWarnings("unchecked")
        Either<BatchJobError, CallEventReceipt>[] results = new Either[input.length];
        // validate each event; group the valid ones by job, keeping their positions (linear in the events)
        java.util.Map<String, java.util.List<Integer>> byJob = new java.util.LinkedHashMap<>();
        ContactChange[] changes = new ContactChange[input.length];
        for (int i = 0; i < input.length; i++) {
            Either<BatchJobError, ContactChange> change = toChange(organizationId, input[i], now);
            if (change.isLeft()) {
                results[i] = Either.left(change.getLeft());
            } else {
                changes[i] = change.get();
                byJob.computeIfAbsent(input[i].batchJobId(), k -> new java.util.ArrayList<>()).add(i);
            }
        }
        byJob.forEach((jobId, positions) -> {
            var outcome = attempts.apply(org, jobId, List.ofAll(positions).map(p -> changes[p]));
            if (outcome.isLeft()) {
                positions.forEach(p -> results[p] = Either.left(outcome.getLeft()));
                return;
            }
            java.util.Iterator<Either<BatchJobError, io.batchcall.application.port.out.ContactUpdate>> updates = outcome.get().iterator();
            for (int p : positions) {
                results[p] = updates.next().map(u -> new CallEventReceipt(u.after(), u.duplicate()));
                if (results[p].isRight() && !results[p].get().duplicate() && input[p].kind() == CallEvent.Kind.ENDED
                        && input[p].conversation().disposition().isDefined()) {
                    optOutByDisposition(organizationId, jobId, results[p].get().contact(), input[p].conversation().disposition().get(), now);
                }
                if (results[p].isRight() && input[p].optOut() && input[p].kind() == CallEvent.Kind.ENDED) {
                    // the called party asked never to be called again: from now on every job of the organization skips the number
                    suppressions.suppress(organizationId, List.of(results[p].get().contact().phoneNumber()).asJava(), Option.of("opt-out"), now);
                }
            }
        });
        return List.of(results);
    }

    /** An opt-out disposition of the job (CONTRACT §15) puts the number on the suppression list, reason {@code opt_out:<disposition>}. */
    private void optOutByDisposition(String organizationId, String jobId, Contact contact, String disposition, Instant now) {
        jobs.find(organizationId, jobId).filter(s -> s.job().outcomeRules().optsOut(Option.of(disposition))).forEach(s ->
                suppressions.suppress(organizationId, List.of(contact.phoneNumber()).asJava(), Option.of("opt_out:" + disposition), now));
    }

    private Either<BatchJobError, ContactChange> toChange(String organizationId, CallEvent e, Instant now) {
        if (e.conversation().callbackAt().isDefined()) {
            // the horizon, read in UTC with a day's slack for a local time (the contact's zone is applied when it is recorded)
            var at = io.batchcall.domain.contact.Callbacks.resolve(e.conversation().callbackAt().get(), Option.none());
            if (at.isEmpty() || !io.batchcall.domain.contact.Callbacks.withinHorizon(at.get(), now.plus(java.time.Duration.ofDays(1)))) {
                return Either.left(new BatchJobError.InvalidInput("invalid_callback", "callbackAt must be at most 30 days ahead"));
            }
        }
        Option<Long> seq = Contact.seqOf(e.batchJobId(), e.contactId());
        if (seq.isEmpty()) {
            // a malformed id: answered alike whether or not the job exists (or is another organization's)
            return Either.left(jobs.find(organizationId, e.batchJobId()).isEmpty()
                    ? new BatchJobError.JobNotFound(e.batchJobId()) : new BatchJobError.ContactNotFound(e.contactId()));
        }
        return Either.right(e.kind() == CallEvent.Kind.CONNECTED
                ? Attempts.connect(seq.get(), e.attempt(), e.roomName())
                : Attempts.end(seq.get(), e.attempt(), toResult(e), now));
    }

    private static AttemptResult toResult(CallEvent e) {
        Option<String> code = e.sipCode().map(String::valueOf);
        ContactStatus status = e.outcome().getOrElse(() -> SipCodes.outcomeFor(e.sipCode().get()));
        return new AttemptResult(status, code, e.failureReason(), e.callDuration(), e.roomName(), e.conversation());
    }
}
