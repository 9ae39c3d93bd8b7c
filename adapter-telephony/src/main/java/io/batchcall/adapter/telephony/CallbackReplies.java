package io.batchcall.adapter.telephony;

import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.RecordCallEvent;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/** Answers of the providers' callback endpoints, errors in the API's envelope, and the recording of their events. */
public final class CallbackReplies {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackReplies.class);

    /**
     * Records a provider's event like any call event, on the worker pool (the store blocks), then answers
     * 204 — also when the engine refuses it or the event does not check (a repeat, a late event, an unknown job:
     * the provider could do nothing better by sending it again) — or 500 when the store failed.
     */
    public static void record(RoutingContext ctx, WorkerExecutor workers, Supplier<RecordCallEvent> events, String org,
                              io.vavr.control.Either<io.batchcall.domain.error.BatchJobError, CallEvent> event, String what) {
        workers.executeBlocking(() -> event.flatMap(e -> events.get().record(org, e)), false).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("{} not recorded", what, ar.cause());
                error(ctx, 500, "internal_error", "The event could not be recorded");
                return;
            }
            ar.result().peekLeft(e -> LOG.debug("{}: {}", what, e.message()));
            noContent(ctx);
        });
    }

    private CallbackReplies() {
    }

    public static void error(RoutingContext ctx, int status, String code, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("success", false).put("error", new JsonObject().put("code", code).put("message", message)).encode());
    }

    public static void noContent(RoutingContext ctx) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(204).end();
        }
    }
}
