package io.batchcall.application.service;

import io.batchcall.application.port.in.DeliverWebhooks;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.application.port.out.WebhookSender;
import io.batchcall.application.port.out.Webhooks;
import io.batchcall.application.webhook.DueStream;
import io.batchcall.application.webhook.RetrySchedule;
import io.batchcall.application.webhook.Settlement;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Delivers due webhook events: claims due streams (one job's deliveries to one endpoint) with a lease,
 * sends each stream's deliveries one after another in order (streams in parallel), stops a stream at its
 * first failure (to keep the order; it is tried again after the schedule's wait), then records every
 * outcome. Any number of instances may run passes at once; a stream is leased to one of them. Runs on
 * the caller's thread (the deliverer's own, never an event loop or the dispatcher's): a slow receiver
 * holds up only its own streams.
 */
public final class WebhookDeliverer implements DeliverWebhooks {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebhookDeliverer.class);

    /** Streams claimed in one pass. */
    private static final int STREAMS_PER_PASS = 16;
    /** Deliveries of one stream sent in one pass. */
    private static final int PER_STREAM = 500;

    private final Webhooks webhooks;
    private final WebhookSender sender;
    private final TimeSource time;
    private final RetrySchedule schedule;
    private final Duration lease;
    private final java.util.function.Consumer<Duration> deliveredLag;

    public WebhookDeliverer(Webhooks webhooks, WebhookSender sender, TimeSource time, RetrySchedule schedule, Duration lease) {
        this(webhooks, sender, time, schedule, lease, lag -> { });
    }

    /**
     * @param lease how long a claimed stream is this deliverer's; a pass stops sending a stream after a third
     *              of it, so the lease must exceed a third of it plus the sender's longest wait for an answer
     * @param deliveredLag told, for each delivery answered 2xx, how long after its event it was delivered
     */
    public WebhookDeliverer(Webhooks webhooks, WebhookSender sender, TimeSource time, RetrySchedule schedule, Duration lease,
                            java.util.function.Consumer<Duration> deliveredLag) {
        this.deliveredLag = deliveredLag;
        this.webhooks = webhooks;
        this.sender = sender;
        this.time = time;
        this.schedule = schedule;
        this.lease = lease;
    }

    @Override
    public int deliverDue() {
        Instant now = time.now();
        io.vavr.collection.List<DueStream> streams = webhooks.claim(now, now.plus(lease), STREAMS_PER_PASS, PER_STREAM);
        if (streams.isEmpty()) {
            return 0;
        }
        Instant stopAt = now.plus(lease.dividedBy(3));
        List<CompletableFuture<Settlement>> running = new ArrayList<>();
        for (DueStream stream : streams) {
            running.add(send(stream, 0, new ArrayList<>(), stopAt));
        }
        int tried = 0;
        for (CompletableFuture<Settlement> f : running) {
            Settlement s = f.join();
            tried += s.delivered().size() + (s.failure().isDefined() ? 1 : 0);
            webhooks.settle(s);
        }
        return tried;
    }

    /** Sends the stream's i-th delivery and, when it got a 2xx, the next, until the end, a failure or {@code stopAt}. */
    private CompletableFuture<Settlement> send(DueStream stream, int i, List<Settlement.Delivered> delivered, Instant stopAt) {
        if (i == stream.deliveries().size() || time.now().isAfter(stopAt)) {
            return CompletableFuture.completedFuture(settlement(stream, delivered, Option.none()));
        }
        DueStream.Outgoing next = stream.deliveries().get(i);
        CompletableFuture<Integer> answer;
        try {
            answer = sender.send(stream.endpoint(), next.event(), time.now()).toCompletableFuture();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((code, error) -> {
            if (error == null && code >= 200 && code < 300) {
                delivered.add(new Settlement.Delivered(next.deliveryId(), code));
                deliveredLag.accept(Duration.between(next.event().createdAt(), time.now()));
                return null;
            }
            Instant at = time.now();
            int tries = next.attempts() + 1;
            String what = error == null ? "HTTP " + code : describe(error);
            Option<Instant> retryAt = schedule.next(tries, at);
            LOG.warn("webhook delivery {} of event {} ({}) to endpoint {} failed (try {}): {}; {}", next.deliveryId(), next.event().id(),
                    next.event().type().wire(), stream.endpoint().id(), tries, what,
                    retryAt.map(t -> "next try at " + t).getOrElse("no further try"));
            return settlement(stream, delivered, Option.of(new Settlement.Failure(next.deliveryId(),
                    error == null ? Option.of(code) : Option.none(), what, retryAt)));
        }).thenCompose(failed -> failed != null ? CompletableFuture.completedFuture(failed) : send(stream, i + 1, delivered, stopAt));
    }

    private Settlement settlement(DueStream stream, List<Settlement.Delivered> delivered, Option<Settlement.Failure> failure) {
        return new Settlement(stream.endpoint().id(), stream.jobId(), List.copyOf(delivered), failure, time.now());
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}
