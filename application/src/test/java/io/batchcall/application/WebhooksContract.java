package io.batchcall.application;

import io.batchcall.application.memory.ManualTimeSource;
import io.batchcall.application.port.out.BatchJobs;
import io.batchcall.application.port.out.EventKey;
import io.batchcall.application.port.out.NewContact;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.application.port.out.Webhooks;
import io.batchcall.application.webhook.Delivery;
import io.batchcall.application.webhook.DeliveryStatus;
import io.batchcall.application.webhook.DueStream;
import io.batchcall.application.webhook.Settlement;
import io.batchcall.application.webhook.WebhookEndpoint;
import io.batchcall.application.webhook.WebhookEventType;
import io.batchcall.domain.contact.AttemptResult;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.RetryPolicy;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook outbox contract: every store (in memory, SQLite, PostgreSQL) records the events of a change
 * in the same step as the change, and its {@link Webhooks} hands them out in order per job and endpoint,
 * leased to one deliverer at a time.
 */
public abstract class WebhooksContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    protected final ManualTimeSource clock = new ManualTimeSource(T0);
    protected BatchJobs store;
    protected Webhooks webhooks;
    private String org;

    /** A store stamping its events with {@code time}; it may hold other tests' data. */
    protected abstract BatchJobs store(TimeSource time);

    @BeforeEach
    void setUp() {
        store = store(clock);
        webhooks = store.webhooks();
        org = "org-" + UUID.randomUUID();
        // streams of earlier tests in a shared database must not get in the way: settle whatever is due
        drainAll(T0.plusSeconds(10_000_000));
    }

    private void drainAll(Instant at) {
        for (List<DueStream> due = webhooks.claim(at, at.plusSeconds(60), 100, 10_000); !due.isEmpty();
             due = webhooks.claim(at, at.plusSeconds(60), 100, 10_000)) {
            due.forEach(s -> webhooks.settle(new Settlement(s.endpoint().id(), s.jobId(),
                    s.deliveries().stream().map(d -> new Settlement.Delivered(d.deliveryId(), 200)).toList(), Option.none(), at)));
        }
    }

    private WebhookEndpoint endpoint(String organization, Set<WebhookEventType> events) {
        WebhookEndpoint e = new WebhookEndpoint("wh_" + UUID.randomUUID().toString().replace("-", ""), organization,
                "http://localhost/hook", events, "whsec_test", T0);
        webhooks.addEndpoint(e);
        return e;
    }

    private WebhookEndpoint everything() {
        return endpoint(org, EnumSet.allOf(WebhookEventType.class));
    }

    private BatchJob runningJob(int contacts) {
        BatchJob job = BatchJob.create("bj_" + UUID.randomUUID().toString().replace("-", ""), org, "Campaign", Option.none(),
                Option.none(), "pn-1", 10, RetryPolicy.of(2, io.vavr.collection.List.of(ContactStatus.BUSY), 60).get(), Option.none(), T0);
        store.create(job, LongStream.rangeClosed(1, contacts).mapToObj(i -> new NewContact(i,
                new PhoneNumber("+1415" + String.format("%07d", Math.abs(job.id().hashCode() % 1000) * 1000 + i)),
                Map.<String, Object>of("name", "Contact " + i))).iterator());
        BatchJob running = job.start(T0).get();
        assertThat(store.replace(job, running)).isTrue();
        return running;
    }

    private void finish(BatchJob job, long seq, ContactStatus outcome) {
        assertThat(io.batchcall.application.OneChange.apply(store, Option.none(), job.id(), seq, Option.of(new EventKey(seq, 1, "ended")), (j, c) ->
                c.finish(AttemptResult.of(outcome), clock.now(), j.retryPolicy(), j.allowsRetries())
                        .mapLeft(r -> new BatchJobError.StaleAttempt(r.describe()))).isRight()).isTrue();
    }

    /** The due stream of this endpoint and job, claimed at {@code at}. */
    private Option<DueStream> claim(WebhookEndpoint e, BatchJob job, Instant at) {
        return webhooks.claim(at, at.plusSeconds(60), 100, 1000).find(s -> s.endpoint().id().equals(e.id()) && s.jobId().equals(job.id()));
    }

    private static java.util.List<String> types(DueStream s) {
        return s.deliveries().stream().map(d -> d.event().type().wire()).toList();
    }

    private static Settlement allDelivered(DueStream s, Instant at) {
        return new Settlement(s.endpoint().id(), s.jobId(), s.deliveries().stream()
                .map(d -> new Settlement.Delivered(d.deliveryId(), 200)).toList(), Option.none(), at);
    }

    @Test
    void aJobStatusChangeIsRecordedWithTheJobsFigures() {
        WebhookEndpoint e = everything();
        BatchJob job = runningJob(3);
        DueStream s = claim(e, job, T0).get();
        assertThat(types(s)).containsExactly("job.started");
        var event = s.deliveries().get(0).event();
        assertThat(event.id()).startsWith("evt_");
        assertThat(event.organizationId()).isEqualTo(org);
        assertThat(event.createdAt()).isEqualTo(T0);
        assertThat(event.data()).containsEntry("batchJobId", job.id()).containsEntry("status", "running")
                .containsEntry("previousStatus", "pending");
        assertThat(((Number) event.data().get("totalContacts")).longValue()).isEqualTo(3);
    }

    @Test
    void onlyTheOrganizationsEndpointsThatWantAnEventGetIt() {
        WebhookEndpoint completedOnly = endpoint(org, EnumSet.of(WebhookEventType.JOB_COMPLETED));
        WebhookEndpoint otherOrg = endpoint("org-" + UUID.randomUUID(), EnumSet.allOf(WebhookEventType.class));
        BatchJob job = runningJob(1);
        assertThat(claim(completedOnly, job, T0)).isEmpty();
        assertThat(claim(otherOrg, job, T0)).isEmpty();
        assertThat(webhooks.deliveries(completedOnly.id(), Option.none(), 10)).isEmpty();
    }

    @Test
    void contactEventsFollowTheirChangesInOrderAndCarryTheContactData() {
        WebhookEndpoint e = everything();
        BatchJob job = runningJob(3);
        store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "room-" + c.seq()));
        clock.advance(java.time.Duration.ofSeconds(30));
        finish(job, 2, ContactStatus.COMPLETED);
        finish(job, 1, ContactStatus.BUSY); // retryable: attempt ended, not finished
        DueStream s = claim(e, job, clock.now()).get();
        assertThat(types(s)).containsExactly("job.started", "contact.attempt_ended", "contact.finished", "contact.attempt_ended");
        var finished = s.deliveries().get(2).event();
        assertThat(finished.data()).containsEntry("contactId", io.batchcall.domain.contact.Contact.idFor(job.id(), 2)).containsEntry("status", "completed")
                .containsEntry("contactData", Map.of("name", "Contact 2"));
        assertThat(finished.createdAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(s.deliveries().get(3).event().data()).containsEntry("status", "queued").containsEntry("contactId", io.batchcall.domain.contact.Contact.idFor(job.id(), 1));
    }

    @Test
    void aClaimedStreamIsNobodyElsesUntilSettledOrItsLeaseEnds() {
        WebhookEndpoint e = everything();
        BatchJob job = runningJob(1);
        assertThat(claim(e, job, T0).isDefined()).isTrue();
        assertThat(claim(e, job, T0.plusSeconds(59))).as("leased until T0+60").isEmpty();
        DueStream again = claim(e, job, T0.plusSeconds(60)).get();
        assertThat(types(again)).containsExactly("job.started");
        webhooks.settle(allDelivered(again, T0.plusSeconds(61)));
        assertThat(claim(e, job, T0.plusSeconds(62))).as("nothing left").isEmpty();
        Delivery d = webhooks.deliveries(e.id(), Option.none(), 10).head();
        assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.lastResponseCode()).contains(200);
        assertThat(d.deliveredAt()).contains(T0.plusSeconds(61));
    }

    @Test
    void aFailedDeliveryHoldsItsStreamUntilItsRetryTimeThenComesFirst() {
        WebhookEndpoint e = everything();
        BatchJob job = runningJob(2);
        store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "r"));
        finish(job, 1, ContactStatus.COMPLETED);
        DueStream s = claim(e, job, T0).get();
        long first = s.deliveries().get(0).deliveryId();
        webhooks.settle(new Settlement(e.id(), job.id(), java.util.List.of(), Option.of(new Settlement.Failure(first, Option.of(503),
                "HTTP 503", Option.of(T0.plusSeconds(30)))), T0));
        assertThat(claim(e, job, T0.plusSeconds(29))).isEmpty();
        Delivery failed = webhooks.delivery(e.id(), first).get();
        assertThat(failed.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastResponseCode()).contains(503);
        assertThat(failed.nextAttemptAt()).contains(T0.plusSeconds(30));
        DueStream retry = claim(e, job, T0.plusSeconds(30)).get();
        assertThat(retry.deliveries().get(0).deliveryId()).isEqualTo(first);
        assertThat(retry.deliveries().get(0).attempts()).isEqualTo(1);
        assertThat(types(retry)).containsExactly("job.started", "contact.attempt_ended", "contact.finished");
    }

    @Test
    void aDeliveryOutOfTriesFailsAndTheStreamGoesOn() {
        WebhookEndpoint e = everything();
        BatchJob job = runningJob(1);
        store.replace(job, job.pause().get());
        DueStream s = claim(e, job, T0).get();
        long first = s.deliveries().get(0).deliveryId();
        webhooks.settle(new Settlement(e.id(), job.id(), java.util.List.of(), Option.of(new Settlement.Failure(first, Option.none(),
                "Connection refused", Option.none())), T0));
        assertThat(webhooks.delivery(e.id(), first).get().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(webhooks.delivery(e.id(), first).get().lastError()).contains("Connection refused");
        assertThat(types(claim(e, job, T0).get())).containsExactly("job.paused");
    }

    @Test
    void aReplayedDeliveryIsSentAgainWithTheSameEvent() {
        WebhookEndpoint e = everything();
        BatchJob job = runningJob(1);
        DueStream s = claim(e, job, T0).get();
        webhooks.settle(allDelivered(s, T0));
        long id = s.deliveries().get(0).deliveryId();
        Delivery replayed = webhooks.replay(e.id(), id, T0.plusSeconds(5)).get();
        assertThat(replayed.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(replayed.attempts()).isZero();
        DueStream again = claim(e, job, T0.plusSeconds(5)).get();
        assertThat(again.deliveries()).hasSize(1);
        assertThat(again.deliveries().get(0).event().id()).isEqualTo(s.deliveries().get(0).event().id());
        webhooks.settle(allDelivered(again, T0.plusSeconds(6)));
        assertThat(claim(e, job, T0.plusSeconds(7))).isEmpty();
        assertThat(webhooks.replay(e.id(), id + 1_000_000, T0)).isEmpty();
    }

    @Test
    void aCancelIsReportedByTheJobEventNotPerContact() {
        WebhookEndpoint e = everything();
        BatchJob job = runningJob(4);
        BatchJob cancelled = job.cancel(T0).get();
        assertThat(store.replaceAndCancelOpen(job, cancelled, T0, Option.none())).contains(4L);
        DueStream s = claim(e, job, T0).get();
        assertThat(types(s)).containsExactly("job.started", "job.cancelled");
        assertThat(((Number) s.deliveries().get(1).event().data().get("cancelledCalls")).longValue()).isEqualTo(4);
    }

    @Test
    void removingAnEndpointDropsItsDeliveriesAndOnlyItsOrganizationCanRemoveIt() {
        WebhookEndpoint e = everything();
        BatchJob job = runningJob(1);
        assertThat(webhooks.removeEndpoint("org-someone-else", e.id())).isFalse();
        assertThat(webhooks.endpoint("org-someone-else", e.id())).isEmpty();
        assertThat(webhooks.removeEndpoint(org, e.id())).isTrue();
        assertThat(claim(e, job, T0)).isEmpty();
        assertThat(webhooks.deliveries(e.id(), Option.none(), 10)).isEmpty();
        assertThat(webhooks.endpoints(org)).isEmpty();
    }

    @Test
    void deliverersClaimingAtOnceNeverGetTheSameStream() throws Exception {
        WebhookEndpoint e = everything();
        java.util.Set<String> jobs = new java.util.HashSet<>();
        for (int i = 0; i < 12; i++) {
            jobs.add(runningJob(1).id());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<List<DueStream>>> claims = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int d = 0; d < 4; d++) {
                claims.add(pool.submit(() -> {
                    go.await();
                    return webhooks.claim(T0, T0.plusSeconds(60), 5, 10);
                }));
            }
            go.countDown();
            java.util.List<String> claimed = new java.util.ArrayList<>();
            for (var f : claims) {
                f.get().filter(st -> st.endpoint().id().equals(e.id())).forEach(st -> claimed.add(st.jobId()));
            }
            assertThat(claimed).as("no stream claimed twice").doesNotHaveDuplicates();
            assertThat(jobs).containsAll(claimed);
            assertThat(claimed).as("the deliverers shared the streams out").hasSizeGreaterThanOrEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theDeliveryLogIsNewestFirstAndPages() {
        WebhookEndpoint e = everything();
        BatchJob job = runningJob(3);
        store.claimDue(job.id(), 100, T0, (j, c) -> c.dispatch(T0, "r"));
        finish(job, 1, ContactStatus.COMPLETED);
        List<Delivery> all = webhooks.deliveries(e.id(), Option.none(), 10);
        assertThat(all.map(d -> d.type().wire())).containsExactly("contact.finished", "contact.attempt_ended", "job.started");
        List<Delivery> rest = webhooks.deliveries(e.id(), Option.of(all.get(0).id()), 10);
        assertThat(rest).containsExactlyElementsOf(all.tail());
    }
}
