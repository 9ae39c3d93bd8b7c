package io.batchcall.application.service;

import io.batchcall.application.port.out.CallLookup;
import io.batchcall.application.port.out.Dialer;
import io.batchcall.application.port.out.DispatchQueue;
import io.batchcall.application.port.out.OverdueAttempt;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.contact.AttemptResult;
import io.batchcall.domain.contact.ContactStatus;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Attempts past their deadline with no outcome (a callback lost, refused, never sent). Before closing one,
 * the engine asks the provider about the call ({@link Dialer#lookUp}) and records what really happened: a
 * call that ended is closed with its real outcome (a no-answer stays retryable as a no-answer, a completed
 * call is not dialed again); a call still queued or going on is asked again every {@link #REASK} and closed
 * {@code failed} only once it has outlived a second deadline; a call the provider cannot say anything about
 * is closed {@code failed} as before. An outcome the provider's callback brings meanwhile wins (the engine's
 * close is then stale). Lookups are per engine: two engines may ask about the same call; one close wins.
 */
final class Deadlines {

    private static final Logger LOG = LoggerFactory.getLogger(Deadlines.class);
    static final int EXPIRE_BATCH = 1000;
    static final Duration REASK = Duration.ofSeconds(30);

    private final DispatchQueue queue;
    private final Dialer dialer;
    private final Attempts attempts;
    private final TimeSource time;
    private final Duration deadline;
    private final Executor completions;
    /** attempt → when it was first found overdue and asked about, and when last asked. */
    private final Map<String, Instant[]> asked = new ConcurrentHashMap<>();

    Deadlines(DispatchQueue queue, Dialer dialer, Attempts attempts, TimeSource time, Duration deadline, Executor completions) {
        this.queue = queue;
        this.dialer = dialer;
        this.attempts = attempts;
        this.time = time;
        this.deadline = deadline;
        this.completions = completions;
    }

    /** One sweep: the attempts closed now (lookups answering later close theirs on the completions executor). */
    int sweep(Instant now) {
        int closed = 0;
        io.vavr.collection.List<OverdueAttempt> overdue = queue.overdueAttempts(now.minus(deadline), EXPIRE_BATCH);
        Set<String> seen = new HashSet<>();
        for (OverdueAttempt a : overdue) {
            String key = a.jobId() + "/" + a.seq() + "/" + a.attempt();
            seen.add(key);
            if (a.roomName().isEmpty()) {
                closed += close(a, failed("outcome not reported within " + deadline.toSeconds() + " s")) ? 1 : 0;
                continue;
            }
            Instant[] when = asked.get(key);
            if (when != null && !now.isBefore(when[0].plus(deadline))) {
                asked.remove(key);
                closed += close(a, failed("outcome not reported within " + deadline.toSeconds() + " s; the provider still had the call "
                        + deadline.toSeconds() + " s later")) ? 1 : 0;
                continue;
            }
            if (when == null) {
                asked.put(key, new Instant[] {now, now});
                closed += ask(a, key) ? 1 : 0;
            } else if (!now.isBefore(when[1].plus(REASK))) {
                when[1] = now;
                closed += ask(a, key) ? 1 : 0;
            }
        }
        if (overdue.size() < EXPIRE_BATCH) {
            asked.keySet().retainAll(seen); // closed meanwhile, here or by another engine
        }
        return closed;
    }

    /** Asks the provider; an answer already there (a dialer that cannot ask) is acted on now: whether it closed the attempt. */
    private boolean ask(OverdueAttempt a, String key) {
        java.util.concurrent.CompletableFuture<CallLookup> lookup;
        try {
            lookup = dialer.lookUp(a.roomName().get()).toCompletableFuture();
        } catch (RuntimeException e) {
            lookup = java.util.concurrent.CompletableFuture.completedFuture(new CallLookup.Unknown(e.toString()));
        }
        if (lookup.isDone() && !lookup.isCompletedExceptionally()) {
            return act(a, key, lookup.join());
        }
        lookup.whenCompleteAsync((answer, error) -> act(a, key, error != null ? new CallLookup.Unknown(error.toString()) : answer), completions);
        return false;
    }

    private boolean act(OverdueAttempt a, String key, CallLookup what) {
        String call = a.roomName().get();
        if (what instanceof CallLookup.Live) {
            LOG.info("attempt {} of {} ({}) is past its deadline but the provider still has the call", a.attempt(), a.jobId() + "/" + a.seq(), call);
            return false;
        }
        asked.remove(key);
        if (what instanceof CallLookup.Ended ended) {
            LOG.info("attempt {} of {} ({}): no outcome arrived; the provider says {}", a.attempt(), a.jobId() + "/" + a.seq(), call,
                    ended.result().outcome().wire());
            return close(a, ended.result());
        }
        return close(a, failed("outcome not reported within " + deadline.toSeconds() + " s"
                + (what.equals(CallLookup.CANNOT_ASK) ? "" : " (the provider could not say: " + ((CallLookup.Unknown) what).why() + ")")));
    }

    private boolean close(OverdueAttempt a, AttemptResult result) {
        return attempts.closeByEngine(a.jobId(), a.seq(), a.attempt(), result).isRight();
    }

    private static AttemptResult failed(String reason) {
        return new AttemptResult(ContactStatus.FAILED, Option.none(), Option.of(reason), Option.none(), Option.none());
    }
}
