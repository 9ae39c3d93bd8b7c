package io.batchcall.adapter.telephony.livekit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchcall.adapter.telephony.CallbackReplies;
import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.RecordCallEvent;
import io.vavr.control.Option;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.function.Supplier;

/**
 * {@code POST /telephony/livekit/webhook}: LiveKit's webhooks. The {@code Authorization} token must be one
 * LiveKit signed with the API secret for exactly this body ({@code sha256} claim), else 403. LiveKit adds
 * the SIP participant to the room when dialing starts, so joining means nothing by itself: the participant
 * is "connected" only once its {@code sip.callStatus} attribute is {@code active} (the dialer records the
 * answer too, from CreateSIPParticipant's reply). The participant leaving (or its connection aborting), or
 * the room finishing, ends the attempt as {@code completed} only for a call that was answered — the room's
 * metadata carries when ({@code "t"}, written by the dialer), else the participant's attributes say so; a
 * call that rang out or was refused leaves without an outcome here (the dialer reports it, from LiveKit's
 * SIP error). The length runs from the answer to the event. The attempt is read from the metadata the
 * dialer set. Repeated or late events are answered like any call event (duplicate, or no effect).
 */
public final class LiveKitWebhooks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 256 * 1024;

    private final LiveKitSettings settings;
    private final Supplier<RecordCallEvent> events;
    private final WorkerExecutor workers;

    /** The attempt an event is about, from the metadata the dialer set. */
    record Attempt(String org, String job, String contact, int attempt) {
    }

    public LiveKitWebhooks(LiveKitSettings settings, Supplier<RecordCallEvent> events, WorkerExecutor workers) {
        this.settings = settings;
        this.events = events;
        this.workers = workers;
    }

    public void mount(Router router) {
        router.post(LiveKitSettings.WEBHOOK_PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY)).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        if (!LiveKitTokens.verifyWebhook(settings.apiKey(), settings.apiSecret(), ctx.request().getHeader("Authorization"), body)) {
            CallbackReplies.error(ctx, 403, "invalid_signature", "The Authorization token is missing, expired or not LiveKit's for this body");
            return;
        }
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (Exception e) {
            CallbackReplies.error(ctx, 400, "invalid_json", "The webhook body is not JSON");
            return;
        }
        Option<Recorded> recorded = toCallEvent(event);
        if (recorded.isEmpty()) {
            CallbackReplies.noContent(ctx);
            return;
        }
        CallbackReplies.record(ctx, workers, events, recorded.get().org(), recorded.get().event(),
                "LiveKit webhook " + event.path("event").asText());
    }

    record Recorded(String org, io.vavr.control.Either<io.batchcall.domain.error.BatchJobError, CallEvent> event) {
    }

    /** The call event a LiveKit webhook means, if any. */
    static Option<Recorded> toCallEvent(JsonNode event) {
        String type = event.path("event").asText("");
        long at = number(event, "createdAt", "created_at");
        JsonNode room = event.path("room");
        String roomName = room.path("name").asText(null);
        switch (type) {
            case "participant_joined", "participant_left", "participant_connection_aborted" -> {
                JsonNode p = event.path("participant");
                if (!p.path("identity").asText("").startsWith("sip-")) {
                    return Option.none(); // the agent, or anyone else in the room
                }
                String status = p.path("attributes").path("sip.callStatus").asText("");
                long answeredAt = number(metadata(room), "t", "t");
                if (type.equals("participant_joined")) {
                    return status.equals("active") ? attempt(p.path("metadata").asText("")).map(a -> new Recorded(a.org(),
                            CallEvent.of(a.job(), a.contact(), a.attempt(), "connected", null, null, null, roomName, null))) : Option.none();
                }
                if (answeredAt == 0 && !answered(p, status)) {
                    return Option.none(); // rang out, refused, never answered: the dialer reports the outcome
                }
                long from = answeredAt > 0 ? answeredAt : number(p, "joinedAt", "joined_at");
                return attempt(p.path("metadata").asText("")).map(a -> new Recorded(a.org(), CallEvent.of(a.job(), a.contact(),
                        a.attempt(), "ended", "completed", null, duration(at, from), roomName, null)));
            }
            case "room_finished" -> {
                long answeredAt = number(metadata(room), "t", "t");
                if (answeredAt == 0) {
                    return Option.none(); // no call was answered in it
                }
                return attempt(room.path("metadata").asText("")).map(a -> new Recorded(a.org(), CallEvent.of(a.job(), a.contact(),
                        a.attempt(), "ended", "completed", null, duration(at, answeredAt), roomName, null)));
            }
            default -> {
                return Option.none();
            }
        }
    }

    /** LiveKit's reasons for a SIP participant that never got an answer: the callee unavailable or refusing, the trunk failing. */
    private static final java.util.Set<String> NOT_ANSWERED = java.util.Set.of("USER_UNAVAILABLE", "USER_REJECTED", "SIP_TRUNK_FAILURE",
            "11", "12", "13");

    /** Whether the participant's own state says its call was answered: active, or hung up after a reason that is not a failure to answer. */
    private static boolean answered(JsonNode participant, String callStatus) {
        String reason = participant.has("disconnectReason") ? participant.path("disconnectReason").asText("")
                : participant.path("disconnect_reason").asText("");
        if (NOT_ANSWERED.contains(reason)) {
            return false;
        }
        return callStatus.equals("active") || callStatus.equals("hangup");
    }

    private static JsonNode metadata(JsonNode room) {
        try {
            JsonNode m = JSON.readTree(room.path("metadata").asText(""));
            return m == null ? JSON.createObjectNode() : m;
        } catch (Exception notOurs) {
            return JSON.createObjectNode();
        }
    }

    private static Option<Attempt> attempt(String metadata) {
        try {
            JsonNode m = JSON.readTree(metadata);
            if (m == null || !m.hasNonNull("o") || !m.hasNonNull("j") || !m.hasNonNull("c") || !m.path("a").canConvertToInt()) {
                return Option.none();
            }
            return Option.of(new Attempt(m.get("o").asText(), m.get("j").asText(), m.get("c").asText(), m.get("a").asInt()));
        } catch (Exception notOurs) {
            return Option.none();
        }
    }

    /** Whole seconds from start to end (both unix seconds), 0 when either is unknown. */
    private static Integer duration(long end, long start) {
        return end > 0 && start > 0 && end >= start ? (int) Math.min(Integer.MAX_VALUE, end - start) : 0;
    }

    /** A protojson int64 (a string) or a number, under its camelCase or snake_case name; 0 when absent. */
    private static long number(JsonNode node, String camel, String snake) {
        JsonNode v = node.has(camel) ? node.get(camel) : node.path(snake);
        if (v.isNumber()) {
            return v.asLong();
        }
        try {
            return Long.parseLong(v.asText("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
