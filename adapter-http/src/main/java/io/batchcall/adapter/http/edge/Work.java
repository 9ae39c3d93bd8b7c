package io.batchcall.adapter.http.edge;

import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs a use case on the named worker pool (sized to the store's connections), never on the event
 * loop, and hands the result back to the request's context.
 */
public final class Work {

    private final WorkerExecutor workers;

    public Work(WorkerExecutor workers) {
        this.workers = workers;
    }

    /** Runs work on the pool that belongs to no request (a shared poller). */
    public <T> io.vertx.core.Future<T> call(Callable<T> work) {
        return workers.executeBlocking(work, false);
    }

    /** The pool as an {@link java.util.concurrent.Executor}, for the application's own asynchronous reads. */
    public java.util.concurrent.Executor executor() {
        return task -> workers.executeBlocking(() -> {
            task.run();
            return null;
        }, false);
    }

    public <T> void run(RoutingContext ctx, Callable<T> work, Consumer<T> then) {
        workers.executeBlocking(work, false).onComplete(ar -> {
            if (ctx.response().ended() || ctx.response().closed()) {
                return;
            }
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            try {
                then.accept(ar.result());
            } catch (RuntimeException e) {
                ctx.fail(e);
            }
        });
    }
}
