package io.batchcall.application;

import io.batchcall.application.port.in.ManageSuppressions;
import io.batchcall.application.port.in.ManageResults;
import io.batchcall.application.port.in.DeliverWebhooks;
import io.batchcall.application.port.in.ManageWebhooks;
import io.batchcall.application.port.out.WebhookSender;
import io.batchcall.application.service.WebhookDeliverer;
import io.batchcall.application.service.WebhookService;
import io.batchcall.application.webhook.RetrySchedule;
import io.batchcall.application.service.ResultsService;
import io.batchcall.application.service.CreateBatchJobService;
import io.batchcall.application.service.SuppressionService;

import io.batchcall.application.port.in.ActOnJob;
import io.batchcall.application.port.in.CreateBatchJob;
import io.batchcall.application.port.in.GetBatchJobDetail;
import io.batchcall.application.port.in.ListBatchJobs;
import io.batchcall.application.port.in.RecordCallEvent;
import io.batchcall.application.port.in.RunDispatcher;
import io.batchcall.application.port.out.BatchJobs;
import io.batchcall.application.port.out.Dialer;
import io.batchcall.application.port.out.IdSource;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.application.service.BatchJobQueryService;
import io.batchcall.application.service.CallEventService;
import io.batchcall.application.service.CreateBatchJobService;
import io.batchcall.application.service.Dispatcher;
import io.batchcall.application.service.EngineSettings;
import io.batchcall.application.service.JobLifecycleService;

/**
 * Every use case, wired from the outbound ports. The one object an embedder needs:
 * {@code new BatchCallEngine(store, dialer, clock, ids, EngineSettings.DEFAULTS)}.
 */
public final class BatchCallEngine {

    public final CreateBatchJob create;
    public final ListBatchJobs list;
    public final GetBatchJobDetail detail;
    /** start, cancel, pause, resume, reschedule: {@code engine.jobs.act(JobAction.pause(org, id))}. */
    public final ActOnJob jobs;
    public final RecordCallEvent callEvents;
    public final RunDispatcher dispatcher;
    public final ManageSuppressions suppressions;
    /** CONTRACT §17: the calling rules by region in force, as the server loaded them. */
    public final io.batchcall.domain.window.CallingRules callingRules;
    /** CONTRACT §17's consent records. */
    public final io.batchcall.application.port.in.ManageConsents consents;
    public final ManageResults results;
    public final ManageWebhooks webhooks;
    /** Caller ids (CONTRACT §14): {@code engine.callerIds.register(CallerId.of(org, id, "+1415…", 1.0, 300).get())}. */
    public final io.batchcall.application.port.in.ManageCallerIds callerIds;
    /** A contact's timeline (CONTRACT §15): {@code engine.timeline.timeline(GetContactTimeline.Query.of(org, job, contact).get())}. */
    public final io.batchcall.application.port.in.GetContactTimeline timeline;
    /** A callback asked for by hand (CONTRACT §15). */
    public final io.batchcall.application.port.in.ScheduleCallback callbacks;
    /** One contact taken out of a running campaign (CONTRACT §16). */
    public final io.batchcall.application.port.in.CancelContact cancelContact;
    /** Contacts added to a campaign that has not ended (CONTRACT §16). */
    public final io.batchcall.application.port.in.AddContacts addContacts;

    private final BatchJobs store;
    private final TimeSource time;
    private volatile Runnable afterAttemptEnded = () -> { };

    public BatchCallEngine(BatchJobs store, Dialer dialer, TimeSource time, IdSource ids, EngineSettings settings) {
        this(store, dialer, time, ids, settings, Runnable::run);
    }

    /**
     * @param completions where a dialer's completions are handled (they write to the store): the
     *                    engine's own threads, never the thread that completed the dial (for the
     *                    webhook dialer, a Vert.x event loop). {@code Runnable::run} handles them in place.
     */
    public BatchCallEngine(BatchJobs store, Dialer dialer, TimeSource time, IdSource ids, EngineSettings settings,
                           java.util.concurrent.Executor completions) {
        this(store, dialer, time, ids, settings, completions, new io.batchcall.application.memory.InMemoryIdempotencyKeys());
    }

    /** @param idempotency where the answers of creates under an Idempotency-Key are kept (every instance must see them) */
    public BatchCallEngine(BatchJobs store, Dialer dialer, TimeSource time, IdSource ids, EngineSettings settings,
                           java.util.concurrent.Executor completions, io.batchcall.application.port.out.IdempotencyKeys idempotency) {
        BatchJobQueryService queries = new BatchJobQueryService(store, store, time, settings.organizationConcurrency(), store.versions(), store.callerIds(),
                store.conversations());
        JobLifecycleService lifecycle = new JobLifecycleService(store, time, dialer, completions);
        CreateBatchJobService creating = new CreateBatchJobService(store, store, store.consents(), ids, time, settings, idempotency);
        this.create = creating;
        this.results = new ResultsService(store, store, creating);
        this.callerIds = new io.batchcall.application.service.CallerIdService(store.callerIds(), time);
        this.list = queries;
        this.detail = queries;
        this.timeline = new io.batchcall.application.service.ContactTimelineService(store, store.conversations(), time);
        this.callbacks = new io.batchcall.application.service.CallbackService(store, store, time);
        this.cancelContact = new io.batchcall.application.service.CancelContactService(store, store, time);
        this.addContacts = new io.batchcall.application.service.AddContactsService(store, store, store.consents(), time, settings, idempotency);
        this.jobs = lifecycle;
        RecordCallEvent recording = new CallEventService(store, store, store, time);
        this.callEvents = (organizationId, events) -> {
            var receipts = recording.recordAll(organizationId, events);
            if (events.exists(e -> e.kind() == io.batchcall.application.port.in.CallEvent.Kind.ENDED)) {
                afterAttemptEnded.run();
            }
            return receipts;
        };
        this.suppressions = new SuppressionService(store, time);
        this.consents = new io.batchcall.application.service.ConsentService(store.consents(), time);
        this.callingRules = settings.callingRules();
        this.dispatcher = new Dispatcher(store, store, store, store.callerIds(), store.conversations(), dialer, time, settings, completions, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        this.webhooks = new WebhookService(store.webhooks(), time);
        this.store = store;
        this.time = time;
    }

    /**
     * Runs {@code action} after call events that ended attempts were recorded (on the recording thread):
     * a server uses it to run a dispatcher pass at once, so a freed slot is dialed again without waiting
     * for the next tick. The action must be quick (hand the pass to another thread).
     */
    public void afterAttemptEnded(Runnable action) {
        this.afterAttemptEnded = action;
    }

    /**
     * The webhook deliverer for this engine's store, sending through {@code sender}: call
     * {@link DeliverWebhooks#deliverDue()} from a thread of its own, again at once while it finds work.
     *
     * @param lease how long a claimed stream of deliveries is this deliverer's (more than a third of it plus
     *              the sender's longest wait for an answer)
     */
    public DeliverWebhooks webhookDeliverer(WebhookSender sender, RetrySchedule schedule, java.time.Duration lease) {
        return webhookDeliverer(sender, schedule, lease, lag -> { });
    }

    /** The same, telling {@code deliveredLag} how long after its event each delivery got its 2xx (for a metric). */
    public DeliverWebhooks webhookDeliverer(WebhookSender sender, RetrySchedule schedule, java.time.Duration lease,
                                            java.util.function.Consumer<java.time.Duration> deliveredLag) {
        return new WebhookDeliverer(store.webhooks(), sender, time, schedule, lease, deliveredLag);
    }
}
