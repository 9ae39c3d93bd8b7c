package io.batchcall.application.service;

import io.batchcall.application.port.out.Dialer;
import io.batchcall.application.port.out.DispatchQueue;
import io.batchcall.application.port.out.OverdueAttempt;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.job.BatchJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;

/**
 * A paused or cancelled job's calls that nobody answered yet are stopped at the provider (a provider queues calls beyond
 * its rate: they would ring after the pause). Each call the provider confirms stopped is undone: on a pause the contact
 * waits again without the attempt counted (it is dialed again on resume); on a cancel it is cancelled. A call already
 * answered goes on and ends as it would have.
 */
final class ProviderCancels {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderCancels.class);
    /** At most this many calls of one job are looked at per pause or cancel. */
    static final int LIMIT = 10_000;

    private final DispatchQueue queue;
    private final Dialer dialer;
    private final Attempts attempts;
    private final TimeSource time;
    private final Executor completions;

    ProviderCancels(DispatchQueue queue, Dialer dialer, Attempts attempts, TimeSource time, Executor completions) {
        this.queue = queue;
        this.dialer = dialer;
        this.attempts = attempts;
        this.time = time;
        this.completions = completions;
    }

    /** After {@code job} was paused ({@code cancelled} false) or cancelled: its calls in flight, stopped where they can be. */
    void stopCallsOf(BatchJob job, boolean cancelled) {
        for (OverdueAttempt a : queue.callsInFlight(job.id(), LIMIT)) {
            if (a.roomName().isEmpty()) {
                continue;
            }
            java.util.concurrent.CompletionStage<Boolean> stopped;
            try {
                stopped = dialer.cancel(a.roomName().get());
            } catch (RuntimeException e) {
                LOG.warn("stopping call {} of {} failed", a.roomName().get(), job.id(), e);
                continue;
            }
            stopped.whenCompleteAsync((done, error) -> {
                if (error != null || !Boolean.TRUE.equals(done)) {
                    return; // answered, over, or not stoppable: it ends as it would have
                }
                var undone = cancelled
                        ? attempts.abandonByEngine(job.id(), a.seq(), a.attempt(), "the call was stopped before an answer: the job was cancelled")
                        : attempts.deferByEngine(job.id(), a.seq(), a.attempt(), time.now(),
                                "the call was stopped before an answer: the job was paused (not an attempt)");
                LOG.info("job {}: call {} stopped at the provider ({})", job.id(), a.roomName().get(),
                        undone.isRight() ? (cancelled ? "contact cancelled" : "attempt undone") : undone.getLeft().message());
            }, completions);
        }
    }
}
