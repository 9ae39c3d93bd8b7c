package io.batchcall.application.detail;

import io.batchcall.application.port.in.DetailQuery;
import io.batchcall.application.port.in.DetailStamp;
import io.batchcall.application.port.in.GetBatchJobDetail;
import io.batchcall.application.port.in.JobDetail;
import io.batchcall.application.port.out.AnswerCache;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A job's detail, answered again without a read while the engine says the answer is still current: nothing was
 * written to the job since its read began, and time alone has not moved it (ADR 8). The decorator around
 * {@link GetBatchJobDetail} that every caller (the HTTP route, an embedding service) uses the same way.
 *
 * <p>Answers are kept rendered ({@code A}: the HTTP adapter keeps the JSON bytes, so a current answer costs no
 * serialization), per checked query ({@link DetailQuery}: two requests that mean the same share one entry). Where the
 * store sees every write (embedded), the engine tells whether a kept answer is current from memory and
 * {@link #currentNow} serves it without a thread hop; where several processes write (PostgreSQL), a read of the job's
 * row tells instead of the page ({@link GetBatchJobDetail#detailUnlessCurrent}).
 *
 * <p>Reads are shared: a request that arrives while a read for the same query runs waits for the next one, which
 * begins when that one ends and serves every request that arrived meanwhile. A burst after a write costs two reads, not
 * one each, and every answer comes from a read that began after its request arrived (it sees every write that
 * preceded the request).
 *
 * @param <A> the rendered answer
 */
public final class DetailAnswers<A> {

    /** An answer kept: what it depended on, and its rendered form. */
    public record Kept<A>(DetailStamp stamp, A answer) {
    }

    private final GetBatchJobDetail details;
    private final Function<JobDetail, A> render;
    private final AnswerCache<DetailQuery, Kept<A>> kept;
    private final Executor reads;
    private final ConcurrentHashMap<DetailQuery, Flight<A>> flights = new ConcurrentHashMap<>();

    /** A read running for a query; {@code waiting}: the one that follows it, joined by requests arriving meanwhile. */
    private static final class Flight<A> {
        CompletableFuture<Either<BatchJobError, A>> waiting;
    }

    /**
     * @param render how an answer is kept and served (called once per read, on a thread of {@code reads})
     * @param kept   where answers are kept ({@link AnswerCache#none()} keeps none)
     * @param reads  where the store is read (a worker pool; never an event loop)
     */
    public DetailAnswers(GetBatchJobDetail details, Function<JobDetail, A> render, AnswerCache<DetailQuery, Kept<A>> kept, Executor reads) {
        this.details = details;
        this.render = render;
        this.kept = kept;
        this.reads = reads;
    }

    /** The answer kept for {@code query} if the engine calls it current from memory (never a read: safe on an event loop). */
    public Option<A> currentNow(DetailQuery query) {
        Kept<A> k = kept.get(query);
        return k != null && details.isCurrent(query.batchJobId(), k.stamp()) ? Option.some(k.answer()) : Option.none();
    }

    /** The answer from a read that begins after this call (or a kept answer the engine calls current when it begins). */
    public CompletionStage<Either<BatchJobError, A>> answer(DetailQuery query) {
        AtomicReference<CompletableFuture<Either<BatchJobError, A>>> joined = new AtomicReference<>();
        flights.compute(query, (q, running) -> {
            if (running == null) {
                return new Flight<>();
            }
            if (running.waiting == null) {
                running.waiting = new CompletableFuture<>();
            }
            joined.set(running.waiting);
            return running;
        });
        return joined.get() != null ? joined.get() : begin(query);
    }

    private CompletionStage<Either<BatchJobError, A>> begin(DetailQuery query) {
        CompletionStage<Either<BatchJobError, A>> started;
        try {
            started = readNow(query);
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        return started.whenComplete((done, failed) -> {
            AtomicReference<CompletableFuture<Either<BatchJobError, A>>> next = new AtomicReference<>();
            flights.compute(query, (q, running) -> {
                if (running == null || running.waiting == null) {
                    return null; // nobody waits: no read in flight any more
                }
                next.set(running.waiting);
                running.waiting = null;
                return running; // the next read runs now
            });
            if (next.get() != null) {
                begin(query).whenComplete((d, f) -> {
                    if (f != null) {
                        next.get().completeExceptionally(f);
                    } else {
                        next.get().complete(d);
                    }
                });
            }
        });
    }

    /**
     * The answer as of now: a kept answer the engine calls current from memory, at once; else a read — where the
     * engine cannot tell from memory and an answer is kept, only the job's row unless it moved; else the whole detail,
     * rendered once for all who share it and kept when stamped.
     */
    private CompletionStage<Either<BatchJobError, A>> readNow(DetailQuery query) {
        Kept<A> k = kept.get(query);
        if (k != null && details.isCurrent(query.batchJobId(), k.stamp())) {
            return CompletableFuture.completedFuture(Either.right(k.answer()));
        }
        return CompletableFuture.supplyAsync(() -> {
            Either<BatchJobError, Option<JobDetail>> read = k == null || details.tellsFromMemory()
                    ? details.detail(query).map(Option::some)
                    : details.detailUnlessCurrent(query, k.stamp());
            return read.map(d -> {
                if (d.isEmpty()) {
                    return k.answer();
                }
                A answer = render.apply(d.get());
                d.get().stamp().forEach(stamp -> kept.put(query, new Kept<>(stamp, answer)));
                return answer;
            });
        }, reads);
    }
}
