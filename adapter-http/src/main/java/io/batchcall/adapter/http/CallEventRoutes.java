package io.batchcall.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchcall.adapter.http.dto.ReceiptsDto;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.port.in.CallEvent;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * POST /batch/call-events: one event, or (extension, ADR 4) an array of at most {@link #MAX_EVENTS}
 * answered with one result per event. The body is parsed on the worker, not on the event loop.
 */
final class CallEventRoutes {

    /** Most events in one array. */
    static final int MAX_EVENTS = 1000;

    private final BatchCallEngine engine;
    private final Work work;

    CallEventRoutes(BatchCallEngine engine, Work work) {
        this.engine = engine;
        this.work = work;
    }

    void mount(Router router, Handler<RoutingContext> jsonBody) {
        router.post("/batch/call-events").handler(jsonBody).handler(this::record);
    }

    private void record(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        String org = Auth.org(ctx);
        work.run(ctx, () -> {
            JsonNode b = body == null || body.length() == 0 ? null : RequestFields.parse(body);
            if (b != null && b.isArray()) {
                if (b.size() > MAX_EVENTS) {
                    throw ApiException.badRequest("too_many_events", "At most " + MAX_EVENTS + " events per request");
                }
                // an event that cannot even be read fails alone, in its place; the others are recorded
                Object[] out = new Object[b.size()];
                List<CallEvent> events = new ArrayList<>(b.size());
                List<Integer> positions = new ArrayList<>(b.size());
                for (int i = 0; i < b.size(); i++) {
                    JsonNode item = b.get(i);
                    try {
                        if (!item.isObject()) {
                            throw ApiException.badRequest("invalid_event", "Every element of the array must be a call event object");
                        }
                        events.add(event(item));
                        positions.add(i);
                    } catch (ApiException refused) {
                        out[i] = ApiMapper.INSTANCE.failedEvent(refused.status, refused.code, refused.getMessage());
                    }
                }
                var results = engine.callEvents.recordAll(org, io.vavr.collection.List.ofAll(events)).iterator();
                for (int position : positions) {
                    var r = results.next();
                    out[position] = r.isRight() ? ApiMapper.INSTANCE.receipt(r.get())
                            : ApiMapper.INSTANCE.failedEvent(ApiErrors.status(r.getLeft()), r.getLeft().code(), r.getLeft().message());
                }
                return new ReceiptsDto(true, java.util.Arrays.asList(out));
            }
            if (b == null || !b.isObject()) {
                throw ApiException.badRequest("invalid_json", "The body must be a JSON object (or an array of them)");
            }
            CallEvent event = event(b);
            return engine.callEvents.record(org, event).fold(e -> e, ApiMapper.INSTANCE::receipt);
        }, result -> {
            if (result instanceof io.batchcall.domain.error.BatchJobError e) {
                Replies.error(ctx, e);
            } else {
                Replies.send(ctx, 200, result);
            }
        });
    }

    /** A call event's fields (CONTRACT §8); §15's outcome fields are accepted and not yet stored (docs/api.md). */
    static final KnownFields EVENT = KnownFields.of("a call event", "batchJobId", "contactId", "attempt", "type", "outcome", "sipCode",
            "callDuration", "roomName", "failureReason", "optOut").ignoring("disposition", "outcomeData", "answeredBy", "callbackAt");

    private static CallEvent event(JsonNode b) {
        EVENT.check(() -> b.fieldNames());
        return new CallEvent(RequestFields.text(b, "batchJobId", "invalid_event"),
                RequestFields.text(b, "contactId", "invalid_event"),
                RequestFields.integer(b, "attempt", "invalid_event"),
                RequestFields.text(b, "type", "invalid_event"),
                RequestFields.text(b, "outcome", "invalid_outcome"),
                RequestFields.integer(b, "sipCode", "invalid_event"),
                RequestFields.integer(b, "callDuration", "invalid_event"),
                RequestFields.text(b, "roomName", "invalid_event"),
                RequestFields.text(b, "failureReason", "invalid_event"),
                RequestFields.bool(b, "optOut", "invalid_event"));
    }
}
