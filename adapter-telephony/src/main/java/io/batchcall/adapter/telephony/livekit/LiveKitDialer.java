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
 * call): creates the attempt's room ({@code roomName}), dispatches the job's agent to it, then places the
 * outbound SIP participant through the configured trunk and waits until it is answered. A SIP failure
 * ({@code meta.sip_status_code}) maps through CONTRACT §2's SIP table; 429 / resource_exhausted defers the
 * dial without counting it; refused credentials or a trunk LiveKit does not know fail the job. The end of
 * the call comes from LiveKit's webhooks ({@link LiveKitWebhooks}). Room and participant carry the
 * attempt in their metadata.
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
        return new JsonObject().put("o", r.organizationId()).put("j", r.batchJobId()).put("c", r.contactId()).put("a", r.attempt()).encode();
    }

    @Override
    public CompletionStage<DialResult> dial(DialRequest r) {
        String room = r.roomName();
        String metadata = attemptMetadata(r);
        JsonObject createRoom = new JsonObject().put("name", room).put("empty_timeout", 60).put("metadata", metadata);
        JsonObject participant = new JsonObject().put("sip_trunk_id", settings.sipTrunkId()).put("sip_call_to", r.phoneNumber())
                .put("sip_number", r.fromPhoneNumberId()).put("room_name", room).put("participant_identity", participantIdentity(r))
                .put("participant_name", r.phoneNumber()).put("participant_metadata", metadata).put("wait_until_answered", true)
                .put("ringing_timeout", settings.ringingSeconds() + "s");
        java.util.function.Supplier<Future<DialResult>> place = () -> call("livekit.SIP/CreateSIPParticipant", room, participant)
                .map(placed -> refusal(placed).getOrElse(DialResult.accepted()));
        java.util.function.Supplier<Future<DialResult>> dispatchThenPlace = r.agentId() == null || r.agentId().isBlank() ? place
                : () -> then(call("livekit.AgentDispatchService/CreateDispatch", room,
                        new JsonObject().put("agent_name", r.agentId()).put("room", room).put("metadata", metadata)), place);
        CompletableFuture<DialResult> result = new CompletableFuture<>();
        then(call("livekit.RoomService/CreateRoom", room, createRoom), dispatchThenPlace)
                .onComplete(ar -> result.complete(ar.succeeded() ? ar.result() : failed(ContactStatus.CARRIER_ERROR, "livekit_unreachable",
                        "LiveKit unreachable: " + ar.cause().getClass().getSimpleName())));
        return result;
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
        if (status == 429 || code.equals("resource_exhausted")) {
            return Option.of(Throttling.deferred(response.getHeader("Retry-After"), "LiveKit answered " + status + " (" + code + ")"));
        }
        if (status == 401 || status == 403 || code.equals("unauthenticated") || code.equals("permission_denied")
                || code.equals("not_found") || code.equals("invalid_argument")) {
            return Option.of(new DialResult.JobFatal("LiveKit refused the call: " + message + (code.isEmpty() ? "" : " (" + code + ")")));
        }
        return Option.of(failed(status >= 500 ? ContactStatus.CARRIER_ERROR : ContactStatus.FAILED,
                code.isEmpty() ? "http_" + status : "livekit_" + code, "LiveKit: " + message));
    }

    private static DialResult failed(ContactStatus outcome, String errorCode, String reason) {
        return new DialResult.AttemptFailed(new AttemptResult(outcome, Option.of(errorCode), Option.of(reason), Option.none(), Option.none()));
    }
}
