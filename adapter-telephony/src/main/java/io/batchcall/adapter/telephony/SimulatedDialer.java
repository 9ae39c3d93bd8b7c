package io.batchcall.adapter.telephony;

import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.RecordCallEvent;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.port.out.DialResult;
import io.batchcall.application.port.out.Dialer;
import io.batchcall.domain.contact.ContactStatus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Fake telephony: accepts every dial, then reports "connected" (for answered calls) and "ended" through
 * the same call-event use case the HTTP API uses, in bulk every 5 ms. The outcome and length of each attempt depend only on
 * the seed, the contact and the attempt number, so a campaign replays identically whatever the timing.
 * Failures are reported as SIP codes (busy 486, no_answer 480, timeout 408, invalid_number 404,
 * blocked 403, carrier_error 503, failed 400) to exercise the mapping.
 */
public final class SimulatedDialer implements Dialer {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedDialer.class);
    private static final Map<ContactStatus, Integer> SIP = Map.of(ContactStatus.BUSY, 486, ContactStatus.NO_ANSWER, 480,
            ContactStatus.TIMEOUT, 408, ContactStatus.INVALID_NUMBER, 404, ContactStatus.BLOCKED, 403,
            ContactStatus.CARRIER_ERROR, 503, ContactStatus.FAILED, 400);

    private final long seed;
    private final double meanCallSeconds;
    private final ContactStatus[] outcomes;
    private final int[] cumulative;
    private final Supplier<RecordCallEvent> events;
    private final DelayQueue<Due> due = new DelayQueue<>();

    public SimulatedDialer(long seed, double meanCallSeconds, Map<ContactStatus, Integer> weights, ScheduledExecutorService scheduler,
                    Supplier<RecordCallEvent> events) {
        this.seed = seed;
        this.meanCallSeconds = meanCallSeconds;
        this.events = events;
        scheduler.scheduleWithFixedDelay(this::flush, 5, 5, TimeUnit.MILLISECONDS);
        this.outcomes = weights.keySet().toArray(new ContactStatus[0]);
        this.cumulative = new int[outcomes.length];
        int sum = 0;
        for (int i = 0; i < outcomes.length; i++) {
            sum += weights.get(outcomes[i]);
            cumulative[i] = sum;
        }
    }

    @Override
    public CompletionStage<DialResult> dial(DialRequest r) {
        SplittableRandom random = new SplittableRandom(seed ^ (r.contactId().hashCode() * 0x9E3779B97F4A7C15L) ^ (r.attempt() * 0xBF58476D1CE4E5B9L));
        int pick = random.nextInt(cumulative[cumulative.length - 1]);
        ContactStatus outcome = outcomes[0];
        for (int i = 0; i < cumulative.length; i++) {
            if (pick < cumulative[i]) {
                outcome = outcomes[i];
                break;
            }
        }
        // exponential call length around the mean; unanswered calls ring for a third of it
        double seconds = meanCallSeconds <= 0 ? 0 : -Math.log(1 - random.nextDouble()) * meanCallSeconds;
        if (outcome != ContactStatus.COMPLETED) {
            seconds /= 3;
        }
        long millis = Math.round(seconds * 1000);
        ContactStatus result = outcome;
        String room = r.roomName();
        if (result == ContactStatus.COMPLETED) {
            report(r, CallEvent.of(r.batchJobId(), r.contactId(), r.attempt(), "connected", null, null, null, room, null), millis / 10);
            report(r, CallEvent.of(r.batchJobId(), r.contactId(), r.attempt(), "ended", "completed", null,
                    (int) Math.round(seconds), room, null), millis);
        } else {
            report(r, CallEvent.of(r.batchJobId(), r.contactId(), r.attempt(), "ended", null, SIP.get(result), null, null,
                    "simulated " + result.wire()), millis);
        }
        return CompletableFuture.completedFuture(DialResult.accepted());
    }

    private void report(DialRequest r, io.vavr.control.Either<io.batchcall.domain.error.BatchJobError, CallEvent> event, long delayMillis) {
        event.peekLeft(e -> LOG.warn("simulated event for {} not sent: {}", r.contactId(), e.message()))
                .forEach(e -> due.add(new Due(r.organizationId(), e, System.nanoTime() + delayMillis * 1_000_000)));
    }

    /** Reports every event whose time has come, in bulk per organization (as a telephony side batching its webhooks would). */
    private void flush() {
        java.util.List<Due> ready = new java.util.ArrayList<>();
        due.drainTo(ready);
        if (ready.isEmpty()) {
            return;
        }
        java.util.Map<String, java.util.List<CallEvent>> byOrg = new java.util.LinkedHashMap<>();
        ready.forEach(d -> byOrg.computeIfAbsent(d.organizationId(), k -> new java.util.ArrayList<>()).add(d.event()));
        byOrg.forEach((org, batch) -> {
            try {
                events.get().recordAll(org, io.vavr.collection.List.ofAll(batch));
            } catch (RuntimeException e) {
                LOG.warn("simulated call events failed", e);
            }
        });
    }

    /** A call event waiting for its moment. */
    private record Due(String organizationId, CallEvent event, long atNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(atNanos, ((Due) o).atNanos);
        }
    }
}
