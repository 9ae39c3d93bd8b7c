package io.batchcall.adapter.http.callevent;

import io.batchcall.adapter.http.edge.Auth;
import io.batchcall.adapter.http.edge.Replies;
import io.batchcall.adapter.http.edge.Work;
import io.batchcall.adapter.http.edge.ApiErrors;
import io.batchcall.adapter.http.edge.RequestFields;
import io.batchcall.adapter.http.edge.KnownFields;
import io.batchcall.adapter.http.edge.ApiMapper;
import com.fasterxml.jackson.databind.JsonNode;
import io.batchcall.adapter.http.dto.CallEventAnswer;
import io.batchcall.adapter.http.dto.ReceiptsDto;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;
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
public final class CallEventRoutes {

    /** Most events in one array. */
    public static final int MAX_EVENTS = 1000;

    private final BatchCallEngine engine;
    private final Work work;

    public CallEventRoutes(BatchCallEngine engine, Work work) {
        this.engine = engine;
        this.work = work;
    }

    public void mount(Router router, Handler<RoutingContext> jsonBody) {
        router.post("/batch/call-events").handler(jsonBody).handler(this::record);
    }

    private void record(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        String org = Auth.org(ctx);
        work.run(ctx, () -> (body == null || body.length() == 0
                ? RequestFields.<JsonNode>invalid("invalid_json", "The body must be a JSON object (or an array of them)")
                : RequestFields.parse(body)).flatMap(b -> b.isArray() ? many(org, b) : one(org, b)),
                result -> result.peekLeft(e -> Replies.error(ctx, e)).forEach(dto -> Replies.send(ctx, 200, dto)));
    }

    private Either<BatchJobError, CallEventAnswer> one(String org, JsonNode b) {
        if (!b.isObject()) {
            return RequestFields.invalid("invalid_json", "The body must be a JSON object (or an array of them)");
        }
        return event(b).flatMap(e -> engine.callEvents.record(org, e)).<CallEventAnswer>map(ApiMapper.INSTANCE::receipt);
    }

    /** An array: each event answered in its place; one that cannot even be read fails alone, the others are recorded. */
    private Either<BatchJobError, CallEventAnswer> many(String org, JsonNode b) {
        if (b.size() > MAX_EVENTS) {
            return RequestFields.invalid("too_many_events", "At most " + MAX_EVENTS + " events per request");
        }
        CallEventAnswer.Result[] out = new CallEventAnswer.Result[b.size()];
        List<CallEvent> events = new ArrayList<>(b.size());
        List<Integer> positions = new ArrayList<>(b.size());
        for (int i = 0; i < b.size(); i++) {
            JsonNode item = b.get(i);
            Either<BatchJobError, CallEvent> read = item.isObject() ? event(item)
                    : RequestFields.invalid("invalid_event", "Every element of the array must be a call event object");
            if (read.isRight()) {
                events.add(read.get());
                positions.add(i);
            } else {
                out[i] = failed(read.getLeft());
            }
        }
        var results = engine.callEvents.recordAll(org, io.vavr.collection.List.ofAll(events)).iterator();
        for (int position : positions) {
            var r = results.next();
            out[position] = r.isRight() ? ApiMapper.INSTANCE.receipt(r.get()) : failed(r.getLeft());
        }
        return Either.right(new ReceiptsDto(true, java.util.Arrays.asList(out)));
    }

    private static CallEventAnswer.Result failed(BatchJobError e) {
        return ApiMapper.INSTANCE.failedEvent(ApiErrors.status(e), e.code(), e.message());
    }

    /** A call event's fields (CONTRACT §8, and §15's for what the conversation produced). */
    public static final KnownFields EVENT = KnownFields.of("a call event", "batchJobId", "contactId", "attempt", "type", "outcome", "sipCode",
            "callDuration", "roomName", "failureReason", "optOut", "disposition", "outcomeData", "answeredBy", "callbackAt");
    /** outcomeData: a JSON object at most this deep (the object itself is depth 1). */
    static final int MAX_DEPTH = 8;

    private static Either<BatchJobError, CallEvent> event(JsonNode b) {
        RequestFields f = RequestFields.json(b).only(EVENT);
        String job = f.text("batchJobId", "invalid_event");
        String contact = f.text("contactId", "invalid_event");
        Integer attempt = f.integer("attempt", "invalid_event");
        String type = f.text("type", "invalid_event");
        String outcome = f.text("outcome", "invalid_outcome");
        Integer sip = f.integer("sipCode", "invalid_event");
        Integer duration = f.integer("callDuration", "invalid_event");
        String room = f.text("roomName", "invalid_event");
        String reason = f.text("failureReason", "invalid_event");
        boolean optOut = f.bool("optOut", "invalid_event");
        String disposition = f.text("disposition", "invalid_event");
        String answeredBy = f.text("answeredBy", "invalid_event");
        String callbackAt = f.text("callbackAt", "invalid_event");
        java.util.Map<String, Object> outcomeData = outcomeData(f, f.node("outcomeData"));
        return f.then(() -> CallEvent.of(job, contact, attempt, type, outcome, sip, duration, room, reason, optOut, disposition, outcomeData,
                answeredBy, callbackAt)).flatMap(e -> e);
    }

    /** outcomeData as a map: an object, at most {@link #MAX_DEPTH} deep and 16 KB as JSON (UTF-8); else the event's problem. */
    private static java.util.Map<String, Object> outcomeData(RequestFields f, JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            f.refuse(io.vavr.control.Option.of(new io.batchcall.domain.error.BatchJobError.InvalidInput("invalid_event",
                    "outcomeData must be a JSON object")));
            return null;
        }
        if (depth(n) > MAX_DEPTH) {
            f.refuse(io.vavr.control.Option.of(new io.batchcall.domain.error.BatchJobError.InvalidInput("invalid_event",
                    "outcomeData must be at most " + MAX_DEPTH + " levels deep")));
            return null;
        }
        String text = n.toString();
        if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > io.batchcall.domain.contact.Conversation.MAX_OUTCOME_DATA) {
            f.refuse(io.vavr.control.Option.of(new io.batchcall.domain.error.BatchJobError.InvalidInput("invalid_event",
                    "outcomeData must be at most 16 KB as JSON")));
            return null;
        }
        return RequestFields.JSON.convertValue(n, new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() { });
    }

    private static int depth(JsonNode n) {
        if (!n.isContainerNode()) {
            return 0;
        }
        int deepest = 0;
        for (JsonNode child : n) {
            deepest = Math.max(deepest, depth(child));
            if (deepest > MAX_DEPTH) {
                break;
            }
        }
        return 1 + deepest;
    }
}
