package io.batchcall.adapter.telephony.livekit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchcall.adapter.telephony.Throttling;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.port.out.DialResult;
import io.batchcall.application.port.out.Dialer;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.contact.AttemptResult;
import io.batchcall.domain.contact.ContactStatus;
import io.vavr.control.Option;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Places each attempt through LiveKit SIP, with its server API (Twirp, JSON, a signed access token per
 * call): creates the attempt's room ({@code roomName}) with the job's agent dispatched to it (CreateRoom's
 * {@code agents}: one dispatch per room, so a deferred dial that is placed again does not dispatch twice),
 * then places the outbound SIP participant through the configured trunk with a ringing and a call-length
 * limit, and waits until it is answered. An answer is {@link DialResult.Answered} (the attempt is
 * "connected" then, not when the participant joins the room at ringing) and is written into the room's
 * metadata ({@code "t"}: when), so the webhooks can tell a call that was answered, and for how long, from
 * one that rang out. A SIP failure ({@code meta.sip_status_code}) maps through CONTRACT §2's SIP table; a
 * ring-out (Twirp {@code canceled}, "sip request timed out", no SIP code) is {@code no_answer}; 429 /
 * resource_exhausted and SIP 503 defer the dial without counting it; refused credentials or a trunk LiveKit
 * does not know fail the job; a request LiveKit finds invalid fails that contact only. A room whose call
 * was refused or failed is deleted before the result is reported. The end of an answered call comes from
 * LiveKit's webhooks ({@link LiveKitWebhooks}). Room and participant carry the attempt in their metadata.
 */
public final class LiveKitDialer implements Dialer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveKitSettings settings;
    private final WebClient client;
    private final TimeSource time;
    private final long responseTimeoutMillis;

    public LiveKitDialer(Vertx vertx, LiveKitSettings settings, TimeSource time, Duration connectTimeout) {
        this.settings = settings;
        this.time = time;
        // a SIP call is answered (or not) within the ringing time: the request waits for it
        this.responseTimeoutMillis = Duration.ofSeconds(settings.ringingSeconds() + 30L).toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) connectTimeout.toMillis())
                .setUserAgent("batchcall"),
                new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
    }

    /** The identity of an attempt's SIP participant. */
    public static String participantIdentity(DialRequest r) {
        return "sip-" + r.contactId() + "-" + r.attempt();
    }

    /** The metadata naming an attempt (organization, job, contact, attempt), on its room and its participant. */
    public static String attemptMetadata(DialRequest r) {
        return attempt(r).encode();
    }

    private static JsonObject attempt(DialRequest r) {
        return new JsonObject().put("o", r.organizationId()).put("j", r.batchJobId()).put("c", r.contactId()).put("a", r.attempt());
    }

    @Override
    public CompletionStage<DialResult> dial(DialRequest r) {
        String room = r.roomName();
        String metadata = attemptMetadata(r);
        JsonObject createRoom = new JsonObject().put("name", room).put("empty_timeout", 60).put("metadata", metadata);
        if (r.agentId() != null && !r.agentId().isBlank()) {
            createRoom.put("agents", new io.vertx.core.json.JsonArray().add(new JsonObject().put("agent_name", r.agentId()).put("metadata", metadata)));
        }
        JsonObject participant = new JsonObject().put("sip_trunk_id", settings.sipTrunkId()).put("sip_call_to", r.phoneNumber())
                .put("sip_number", r.fromPhoneNumberId()).put("room_name", room).put("participant_identity", participantIdentity(r))
                .put("participant_name", r.phoneNumber()).put("participant_metadata", metadata).put("wait_until_answered", true)
                .put("ringing_timeout", settings.ringingSeconds() + "s").put("max_call_duration", settings.maxCallSeconds() + "s");
        if (r.voicemailMessage() != null) {
            // CONTRACT §15: the agent leaves it when a machine answers
            participant.put("participant_attributes", new JsonObject().put("voicemailMessage", r.voicemailMessage()));
        }
        CompletableFuture<DialResult> result = new CompletableFuture<>();
        then(call("livekit.RoomService/CreateRoom", room, createRoom),
                () -> call("livekit.SIP/CreateSIPParticipant", room, participant).compose(placed -> refusal(placed)
                        .map(Future::succeededFuture).getOrElse(() -> answered(r, room))))
                .recover(e -> Future.succeededFuture(failed(ContactStatus.CARRIER_ERROR, "livekit_unreachable",
                        "LiveKit unreachable: " + e.getClass().getSimpleName())))
                .compose(outcome -> outcome instanceof DialResult.Answered ? Future.succeededFuture(outcome)
                        : deleteRoom(room).map(outcome)) // nothing will happen in it: no agent waiting, no room left alive
                .onComplete(ar -> {
                    // a call this dialer stopped (cancel): its error is the stop, not the attempt's outcome — the
                    // engine undoes the attempt once the stop is confirmed
                    boolean wasStopped = stopped.remove(room);
                    result.complete(wasStopped && !(ar.result() instanceof DialResult.Answered) ? DialResult.accepted() : ar.result());
                });
        return result;
    }

    /** Rooms whose unanswered call {@link #cancel} stopped, until their dial completes. */
    private final java.util.Set<String> stopped = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Stops a call of a paused or cancelled job that nobody answered: its room's phone line is still dialing or ringing
     * ({@code sip.callStatus} not {@code active}), so the room is deleted, which hangs the line up. An answered call,
     * or a room LiveKit no longer has, is left as it is ({@code false}).
     */
    @Override
    public CompletionStage<Boolean> cancel(String room) {
        return call("livekit.RoomService/ListParticipants", room, new JsonObject().put("room", room)).compose(response -> {
            if (response.statusCode() / 100 != 2) {
                return Future.succeededFuture(false);
            }
            io.vertx.core.json.JsonArray participants = response.bodyAsJsonObject().getJsonArray("participants", new io.vertx.core.json.JsonArray());
            boolean answered = participants.stream().anyMatch(p -> p instanceof JsonObject o && o.getString("identity", "").startsWith("sip-")
                    && "active".equals(o.getJsonObject("attributes", new JsonObject()).getString("sip.callStatus")));
            if (answered) {
                return Future.succeededFuture(false);
            }
            stopped.add(room);
            return call("livekit.RoomService/DeleteRoom", room, new JsonObject().put("room", room)).map(deleted -> {
                if (deleted.statusCode() / 100 != 2) {
                    stopped.remove(room);
                    return false;
                }
                return true;
            });
        }).otherwise(false).toCompletionStage();
    }

    /**
     * A call whose end never arrived: LiveKit's participants of its room. The phone line still in the room is a live call;
     * a room LiveKit no longer has, or without the line, says nothing of how the call ended.
     */
    @Override
    public CompletionStage<io.batchcall.application.port.out.CallLookup> lookUp(String room) {
        return call("livekit.RoomService/ListParticipants", room, new JsonObject().put("room", room))
                .<io.batchcall.application.port.out.CallLookup>map(response -> {
                    if (response.statusCode() / 100 != 2) {
                        return new io.batchcall.application.port.out.CallLookup.Unknown("LiveKit answered " + response.statusCode()
                                + " for room " + room);
                    }
                    io.vertx.core.json.JsonArray participants = response.bodyAsJsonObject().getJsonArray("participants", new io.vertx.core.json.JsonArray());
                    boolean line = participants.stream().anyMatch(p -> p instanceof JsonObject o && o.getString("identity", "").startsWith("sip-"));
                    return line ? new io.batchcall.application.port.out.CallLookup.Live()
                            : new io.batchcall.application.port.out.CallLookup.Unknown("no phone line left in room " + room);
                })
                .otherwise(e -> new io.batchcall.application.port.out.CallLookup.Unknown(e.toString())).toCompletionStage();
    }

    /** The call was answered: when, into the room's metadata (what the webhooks read), then the result. */
    private Future<DialResult> answered(DialRequest r, String room) {
        JsonObject metadata = attempt(r).put("t", time.now().getEpochSecond());
        return call("livekit.RoomService/UpdateRoomMetadata", room, new JsonObject().put("room", room).put("metadata", metadata.encode()))
                .<DialResult>map(ignored -> new DialResult.Answered())
                .otherwise(new DialResult.Answered()); // the answer stands; the webhooks then fall back to the participant's join
    }

    private Future<Void> deleteRoom(String room) {
        return call("livekit.RoomService/DeleteRoom", room, new JsonObject().put("room", room)).<Void>mapEmpty().otherwiseEmpty();
    }

    /** The next step once {@code answer} is a 2xx; else what its refusal means for the attempt. */
    private static Future<DialResult> then(Future<HttpResponse<Buffer>> answer, java.util.function.Supplier<Future<DialResult>> next) {
        return answer.compose(response -> refusal(response).map(Future::succeededFuture).getOrElse(next));
    }

    private Future<HttpResponse<Buffer>> call(String method, String room, JsonObject body) {
        String url = settings.url().toString().replaceAll("/$", "") + "/twirp/" + method;
        return client.postAbs(url).timeout(responseTimeoutMillis)
                .bearerTokenAuthentication(LiveKitTokens.access(settings.apiKey(), settings.apiSecret(), room, time.now()))
                .putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer());
    }

    /** What a non-2xx Twirp answer means for the attempt; none for a 2xx. */
    private static Option<DialResult> refusal(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return Option.none();
        }
        String code = "";
        String message = "HTTP " + status;
        String sip = null;
        try {
            JsonNode body = JSON.readTree(response.bodyAsString());
            code = body.path("code").asText("");
            message = body.path("msg").asText(message);
            sip = body.path("meta").path("sip_status_code").asText(null);
        } catch (Exception notJson) {
            // the status alone
        }
        if ("503".equals(sip)) {
            // the trunk over its calls per second (CONTRACT §14): not an attempt; the caller id backs off
            return Option.of(Throttling.deferred(response.getHeader("Retry-After"), "LiveKit SIP 503: " + message));
        }
        if (sip != null && sip.matches("\\d{3}")) {
            return Option.of(new DialResult.AttemptFailed(AttemptResult.fromSip(Integer.parseInt(sip), Option.of("LiveKit SIP: " + message))));
        }
        if ((code.equals("canceled") && !message.contains("shutting down")) || message.toLowerCase(java.util.Locale.ROOT).contains("sip request timed out")) {
            // LiveKit SIP gave up ringing (its ringing_timeout): Twirp canceled, "sip request timed out", no SIP code
            return Option.of(failed(ContactStatus.NO_ANSWER, "livekit_ring_timeout", "LiveKit SIP: no answer within the ringing time (" + message + ")"));
        }
        if (code.equals("invalid_argument")) {
            // this call's request (its number, its caller id) — the other contacts of the job may well be fine
            return Option.of(failed(ContactStatus.FAILED, "livekit_bad_request", "LiveKit refused this call's request: " + message));
        }
        if (status == 429 || code.equals("resource_exhausted")) {
            return Option.of(Throttling.deferred(response.getHeader("Retry-After"), "LiveKit answered " + status + " (" + code + ")"));
        }
        if (status == 401 || status == 403 || code.equals("unauthenticated") || code.equals("permission_denied")
                || code.equals("not_found")) {
            return Option.of(new DialResult.JobFatal("LiveKit refused the call: " + message + (code.isEmpty() ? "" : " (" + code + ")")));
        }
        return Option.of(failed(status >= 500 ? ContactStatus.CARRIER_ERROR : ContactStatus.FAILED,
                code.isEmpty() ? "http_" + status : "livekit_" + code, "LiveKit: " + message));
    }

    private static DialResult failed(ContactStatus outcome, String errorCode, String reason) {
        return new DialResult.AttemptFailed(new AttemptResult(outcome, Option.of(errorCode), Option.of(reason), Option.none(), Option.none()));
    }
}
