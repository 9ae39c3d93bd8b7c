package io.batchcall.adapter.http.job;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.batchcall.application.port.in.DetailQuery;
import io.batchcall.application.port.in.DetailStamp;
import io.batchcall.application.port.in.GetBatchJobDetail;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;
import io.vertx.core.buffer.Buffer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Job-detail answers already written, kept to be served again while the engine says they are still
 * current: nothing was written to the job since their read began, and time alone has not moved them. Where
 * the store sees every write (embedded) the engine tells from memory ({@link GetBatchJobDetail#isCurrent})
 * and the answer is served from the event loop; where several processes write it (PostgreSQL) it tells by
 * reading the job's row ({@link GetBatchJobDetail#detailUnlessCurrent}) instead of the page. Kept per
 * checked query ({@link DetailQuery}: two requests that mean the same share one entry); bounded by the bytes kept, the least recently used going first.
 */
public final class DetailAnswers {

    /** An answer: what it depended on (null: not stamped, not kept), and its bytes. */
    public record Kept(DetailStamp stamp, Buffer body) {
    }

    /** A whole read's outcome, written once for every request that shares it. */
    public record Read(Either<BatchJobError, Kept> answer) {
    }

    private final GetBatchJobDetail details;
    private final Cache<DetailQuery, Kept> kept;
    /**
     * Whole reads in flight, by request: a request that arrives while one runs waits for the next, which begins
     * when that one ends and serves every request that arrived meanwhile. So a burst of requests for the same
     * answer after a write costs two reads, not one each, and every answer still comes from a read that began
     * after its request arrived (it sees every write that preceded the request).
     */
    private final ConcurrentHashMap<DetailQuery, Flight> flights = new ConcurrentHashMap<>();

    /** A read running for a request; {@code waiting}: the one that follows it, joined by requests arriving meanwhile. */
    private static final class Flight {
        CompletableFuture<Read> waiting;
    }

    /** @param maxBytes bytes of answers kept at most (a page of 50 contacts is about 20 KB); 0 keeps none */
    public DetailAnswers(GetBatchJobDetail details, long maxBytes) {
        this.details = details;
        this.kept = maxBytes == 0 ? null
                : Caffeine.newBuilder().maximumWeight(maxBytes).weigher((DetailQuery r, Kept k) -> k.body().length()).build();
    }

    /** The answer kept for the request, current or not (the engine may tell by a read); null if none. */
    public Kept kept(DetailQuery request) {
        return kept == null ? null : kept.getIfPresent(request);
    }

    /** Whether a kept answer is still current, told from memory (never a read: safe on an event loop). */
    public boolean current(DetailQuery request, Kept k) {
        return details.isCurrent(request.batchJobId(), k.stamp());
    }

    public void keep(DetailQuery request, DetailStamp stamp, Buffer body) {
        if (kept != null) {
            kept.put(request, new Kept(stamp, body));
        }
    }

    /** Whether an answer {@link #current} does not call current is stale (the engine tells from memory). */
    public boolean toldFromMemory() {
        return details.tellsFromMemory();
    }

    /**
     * The answer from a read that begins after this call: one already waiting to begin is shared, one running is not
     * (it may have begun before a write that preceded this request). {@code read} begins a read — called when it
     * begins, so it may look at what is kept by then; its stamped answers are kept.
     */
    public CompletionStage<Read> read(DetailQuery request, Supplier<CompletionStage<Read>> read) {
        AtomicReference<CompletableFuture<Read>> joined = new AtomicReference<>();
        flights.compute(request, (r, running) -> {
            if (running == null) {
                return new Flight();
            }
            if (running.waiting == null) {
                running.waiting = new CompletableFuture<>();
            }
            joined.set(running.waiting);
            return running;
        });
        return joined.get() != null ? joined.get() : begin(request, read);
    }

    private CompletionStage<Read> begin(DetailQuery request, Supplier<CompletionStage<Read>> read) {
        CompletionStage<Read> started;
        try {
            started = read.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        return started.whenComplete((done, failed) -> {
            if (done != null) {
                done.answer().forEach(k -> {
                    if (k.stamp() != null) {
                        keep(request, k.stamp(), k.body());
                    }
                });
            }
            AtomicReference<CompletableFuture<Read>> next = new AtomicReference<>();
            flights.compute(request, (r, running) -> {
                if (running == null || running.waiting == null) {
                    return null; // nobody waits: no read in flight any more
                }
                next.set(running.waiting);
                running.waiting = null;
                return running; // the next read runs now
            });
            if (next.get() != null) {
                begin(request, read).whenComplete((d, f) -> {
                    if (f != null) {
                        next.get().completeExceptionally(f);
                    } else {
                        next.get().complete(d);
                    }
                });
            }
        });
    }
}
