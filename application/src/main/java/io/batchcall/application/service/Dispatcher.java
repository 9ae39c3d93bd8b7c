package io.batchcall.application.service;

import io.batchcall.application.port.in.RunDispatcher;
import io.batchcall.application.port.out.ContactUpdates;
import io.batchcall.application.port.out.DispatchQueue;
import io.batchcall.application.port.out.JobRecords;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.port.out.DialResult;
import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.application.port.out.Dialer;
import io.batchcall.application.port.out.OverdueAttempt;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.contact.AttemptResult;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.ClaimRule;
import io.batchcall.domain.job.JobStatus;
import io.vavr.collection.List;
import io.vavr.control.Option;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.concurrent.Executor;

/**
 * One pass of the campaign engine: start due jobs, close attempts past their deadline, claim and dial
 * due contacts within the job and organization limits, complete jobs with no open contact.
 * Safe to run from several engines on one shared store: every step is a compare-and-set or an atomic claim.
 */
public final class Dispatcher implements RunDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final JobRecords jobs;
    private final DispatchQueue queue;
    private final Dialer dialer;
    private final TimeSource time;
    private final EngineSettings settings;
    private final Attempts attempts;
    private final Deadlines deadlines;
    private final Executor completions;
    private final io.batchcall.application.port.out.CallerIds callerIds;
    private final RefusalBackoff refusals;
    private final io.batchcall.application.port.out.ConversationRecords conversations;

    /**
     * @param completions runs what follows a dial's completion (store writes), off the dialer's own threads
     * @param jitter      a draw in [0, 1) for each rate-limit refusal's wait ({@link RefusalBackoff})
     */
    public Dispatcher(JobRecords jobs, DispatchQueue queue, ContactUpdates contacts, io.batchcall.application.port.out.CallerIds callerIds,
                      io.batchcall.application.port.out.ConversationRecords conversations, Dialer dialer, TimeSource time,
                      EngineSettings settings, Executor completions, java.util.function.DoubleSupplier jitter) {
        this.refusals = new RefusalBackoff(jitter);
        this.callerIds = callerIds;
        this.conversations = conversations;
        this.completions = completions;
        this.jobs = jobs;
        this.queue = queue;
        this.dialer = dialer;
        this.time = time;
        this.settings = settings;
        this.attempts = new Attempts(jobs, contacts, time);
        this.deadlines = new Deadlines(queue, dialer, attempts, time, settings.attemptDeadline(), completions);
    }

    @Override
    public TickReport tick() {
        Instant now = time.now();
        int started = 0;
        int dialed = 0;
        int completed = 0;
        int expired = expireOverdue(now);
        expireContacts(now);
        java.util.Map<String, Long> dialing = new java.util.HashMap<>();
        for (JobSnapshot snapshot : queue.activeJobs(now)) {
            BatchJob job = snapshot.job();
            if (job.status() == JobStatus.RUNNING) {
                dialing.merge(job.organizationId(), snapshot.breakdown().count(ContactStatus.DIALING), Long::sum);
            }
            BatchJob current = job;
            if (job.isDueToStart(now)) {
                Option<BatchJob> running = job.start(now).toOption().filter(next -> jobs.replace(job, next));
                if (running.isEmpty()) {
                    continue;
                }
                LOG.info("job {} of {} started ({})", job.id(), job.organizationId(),
                        io.batchcall.domain.contact.Texts.count(snapshot.breakdown().total(), "contact"));
                started++;
                current = running.get();
            }
            if (current.status() != JobStatus.RUNNING) {
                continue;
            }
            if (current.endedBy(now)) {
                // CONTRACT §16: past its end time nothing is dialed; the waiting contacts expire, the job completes once
                // its calls in flight end
                if (snapshot.breakdown().count(ContactStatus.PENDING) + snapshot.breakdown().count(ContactStatus.QUEUED) > 0) {
                    BatchJob ending = current;
                    jobs.expireWaiting(ending, now, "the job's end time (endAt) passed before it was dialed").forEach(n ->
                            LOG.info("job {} of {} reached its end time: {} expired", ending.id(), ending.organizationId(),
                                    io.batchcall.domain.contact.Texts.count(n, "waiting contact")));
                }
                if (attempts.completeIfDone(current.id())) {
                    completed++;
                }
                continue;
            }
            java.util.Map<String, Instant> sendAt = new java.util.HashMap<>();
            java.util.Map<String, io.batchcall.domain.caller.Grant> grants = new java.util.HashMap<>();
            Instant claimAt = time.now(); // pacing grants from the moment of the claim, not the pass's start
            List<Contact> claimed = queue.claimDue(current.id(), settings.claimLimits(), claimAt,
                    (ClaimRule.Dispatch) (j, c, grant) -> {
                        sendAt.put(c.id(), grant.sendAt());
                        if (grant.paced()) {
                            grants.put(c.id(), grant);
                        }
                        return c.dispatch(claimAt, roomName(c), grant.callerId());
                    });
            // a claim that took long (a cold start) finds its first grants already due: the whole batch moves by that
            // lateness, so its dials keep their spacing instead of leaving at once
            java.time.Duration late = sendAt.values().stream().min(Instant::compareTo)
                    .map(first -> java.time.Duration.between(first, time.now())).filter(d -> d.toMillis() > 5)
                    .orElse(java.time.Duration.ZERO);
            boolean blocked = false;
            for (Contact c : claimed) {
                if (c.status() == ContactStatus.DIALING) {
                    dialAt(current, c, sendAt.getOrDefault(c.id(), claimAt).plus(late), grants.get(c.id()));
                    dialed++;
                } else {
                    blocked = true; // suppressed after the job was created: never dialed
                }
            }
            // the last outcome normally completes the job; this catches the rest (e.g. a job resumed
            // after its last call ended while paused, or whose last contacts were suppressed) without
            // reading every running job again
            if ((blocked || snapshot.breakdown().open() == 0) && attempts.completeIfDone(current.id())) {
                completed++;
            }
        }
        return new TickReport(started, dialed, expired, completed, dialing);
    }

    private int expireOverdue(Instant now) {
        return deadlines.sweep(now);
    }

    /** Contacts expired per pass at most; the rest are taken by the next passes. */
    static final int EXPIRIES_PER_PASS = 1000;

    /**
     * CONTRACT §16: waiting contacts past their {@code expiresAt} become cancelled with errorCode {@code expired}, as
     * contact changes of their jobs (counted, reported, completing a job left with nothing open); a contact in a call is
     * left to end, and expires if it is queued again.
     */
    private void expireContacts(Instant now) {
        var due = queue.expiredContacts(now, EXPIRIES_PER_PASS);
        due.groupBy(io.vavr.Tuple2::_1).forEach((jobId, contacts) -> {
            List<io.batchcall.application.port.out.ContactChange> changes = contacts.map(t -> new io.batchcall.application.port.out.ContactChange(
                    t._2, Option.none(), (job, c) -> c.expire(now, "its expiresAt passed before it was dialed")
                    .mapLeft(r -> (io.batchcall.domain.error.BatchJobError) new io.batchcall.domain.error.BatchJobError.Conflict("contact_final", r.describe()))));
            attempts.apply(Option.none(), jobId, changes);
        });
        if (!due.isEmpty()) {
            LOG.info("{} expired (expiresAt passed)", io.batchcall.domain.contact.Texts.count(due.size(), "waiting contact"));
        }
    }

    /**
     * Sends the dial at the time pacing granted: now, or a moment later within this pass, so that paced dials keep
     * their spacing at the receiving end (a grant is never further ahead than the dispatcher's period).
     */
    private void dialAt(BatchJob job, Contact c, Instant sendAt, io.batchcall.domain.caller.Grant grant) {
        // against the clock as the dial is scheduled, not the pass's start: a slow pass must not shift its dials later
        long delayMicros = java.time.Duration.between(time.now(), sendAt).toNanos() / 1000;
        Runnable send = grant == null ? () -> dial(job, c) : () -> sendSpaced(job, c, grant);
        if (delayMicros <= 0) {
            send.run();
            return;
        }
        java.util.concurrent.CompletableFuture.delayedExecutor(delayMicros, java.util.concurrent.TimeUnit.MICROSECONDS, completions)
                .execute(send);
    }

    /** When each paced lane of this engine sends next. */
    private final SendSpacing spacing = new SendSpacing();

    /** Sends a paced dial at the time {@link SendSpacing} gives it: now, or a little later. */
    private void sendSpaced(BatchJob job, Contact c, io.batchcall.domain.caller.Grant grant) {
        long now = io.batchcall.domain.caller.Pacer.micros(time.now());
        long at = spacing.next(job.organizationId() + "\n" + grant.lane(), now, grant.spacingMicros());
        if (at - now < 500) {
            dial(job, c);
            return;
        }
        java.util.concurrent.CompletableFuture.delayedExecutor(at - now, java.util.concurrent.TimeUnit.MICROSECONDS, completions)
                .execute(() -> dial(job, c));
    }

    private void dial(BatchJob job, Contact c) {
        DialRequest request = new DialRequest(job.organizationId(), job.id(), c.id(), c.attemptCount(), c.phoneNumber(),
                c.callerId().getOrElse(job.fromPhoneNumberId()), job.agentId().getOrNull(), c.contactData(), c.roomName().getOrNull(),
                job.machineAnswerOutcome().map(ContactStatus::wire).getOrNull(),
                job.outcomeRules().voicemail().messageFor(c.contactData()).getOrNull());
        try {
            dialer.dial(request).whenCompleteAsync((result, error) -> {
                if (error != null) {
                    failAttempt(c, "dialer error: " + error.getMessage());
                } else if (result instanceof DialResult.Accepted accepted && accepted.callId() != null) {
                    // the provider's name for the call, kept as the attempt's room: what the deadline asks the provider about
                    attempts.apply(Option.none(), job.id(), List.of(Attempts.name(c.seq(), c.attemptCount(), accepted.callId())));
                } else if (result instanceof DialResult.Answered) {
                    attempts.apply(Option.none(), job.id(), List.of(Attempts.connect(c.seq(), c.attemptCount(),
                            Option.none())));
                } else if (result instanceof DialResult.AttemptFailed failed) {
                    attempts.closeByEngine(job.id(), c.seq(), c.attemptCount(), failed.result());
                } else if (result instanceof DialResult.JobFatal fatal) {
                    failJob(job.id(), c, fatal.reason());
                } else if (result instanceof DialResult.Deferred deferred) {
                    String from = String.valueOf(request.fromPhoneNumberId());
                    java.time.Duration wait = refusals.refused(job.organizationId(), from, time.now(), deferred.retryAfter());
                    LOG.info("dial of {} (attempt {}) deferred {} ms: {}", c.id(), c.attemptCount(), wait.toMillis(), deferred.reason());
                    // a rate-limit refusal: the caller id backs off (CONTRACT §14), for every engine
                    callerIds.recordRefusal(job.organizationId(), request.fromPhoneNumberId(), time.now(), deferred.retryAfter());
                    Instant refusedAt = time.now();
                    attempts.deferByEngine(job.id(), c.seq(), c.attemptCount(), refusedAt.plus(wait), "dial deferred: " + deferred.reason())
                            .forEach(undone -> conversations.waited(job.id(), List.of(new io.batchcall.domain.job.ContactWait(c.seq(),
                                    refusedAt, Option.of(refusedAt.plus(wait)), io.batchcall.domain.job.ContactWait.BACKOFF))));
                }
                if (!(result instanceof DialResult.Deferred) && error == null) {
                    refusals.accepted(job.organizationId(), String.valueOf(request.fromPhoneNumberId()));
                }
            }, completions);
        } catch (RuntimeException e) {
            failAttempt(c, "dialer error: " + e.getMessage());
        }
    }

    private void failAttempt(Contact c, String reason) {
        LOG.info("dial of {} (attempt {}) failed: {}", c.id(), c.attemptCount(), reason);
        attempts.closeByEngine(c.jobId(), c.seq(), c.attemptCount(), new AttemptResult(ContactStatus.CARRIER_ERROR, Option.none(),
                Option.of(reason), Option.none(), Option.none()));
    }

    /**
     * running → failed; every open contact is cancelled with the reason. A job that is no longer running
     * (paused, cancelled meanwhile) does not fail: the refused attempt is closed as a carrier error.
     */
    private void failJob(String jobId, Contact dialed, String reason) {
        for (int i = 0; i < 5; i++) {
            var snapshot = jobs.findById(jobId);
            if (snapshot.isEmpty()) {
                return;
            }
            BatchJob job = snapshot.get().job();
            Instant now = time.now();
            var next = job.fail(now, reason);
            if (next.isLeft()) {
                failAttempt(dialed, "refused by the telephony side: " + reason);
                return;
            }
            if (jobs.replaceAndCancelOpen(job, next.get(), now, Option.of("job failed: " + reason)).isDefined()) {
                LOG.info("job {} of {} failed: {}", jobId, job.organizationId(), reason);
                return;
            }
        }
    }

    static String roomName(Contact c) {
        return "batch-" + c.jobId() + "-" + c.seq() + "-" + (c.attemptCount() + 1);
    }
}
