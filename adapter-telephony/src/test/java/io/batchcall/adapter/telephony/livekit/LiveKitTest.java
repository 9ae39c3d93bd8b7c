package io.batchcall.adapter.telephony.livekit;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.batchcall.adapter.telephony.Campaign;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.JobStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LiveKit dialer and webhooks against a fake LiveKit that speaks its documented server API: Twirp
 * over JSON with an HS256 access token (issuer = API key, grants checked), Twirp errors with the SIP
 * status in their meta, 429; then webhooks signed the way LiveKit signs them (a JWT with the body's
 * SHA-256 in its sha256 claim), sometimes twice or out of order. It follows LiveKit SIP's real order of
 * events (livekit/sip pkg/sip/outbound.go): the SIP participant joins the room when dialing starts
 * ({@code sip.callStatus} "dialing"), before anyone answered; a call that is refused or rings out leaves the
 * room (disconnect reason USER_REJECTED / USER_UNAVAILABLE) before CreateSIPParticipant answers with the
 * error; a ring-out is Twirp {@code canceled} "sip request timed out" without a SIP code; DeleteRoom
 * finishes the room (room_finished).
 */
class LiveKitTest {

    private static final String KEY = "APIlivekitkey01";
    private static final String SECRET = "livekit-secret-0123456789-0123456789";
    private static final String TRUNK = "ST_outbound01";
    private static final String ORG = "org-livekit";

    private Vertx vertx;
    private HttpServer livekit;
    private Campaign campaign;
    private WebClient client;
    private final List<JsonObject> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> rooms = new ConcurrentHashMap<>();
    /** CreateSIPParticipant calls still waiting for an answer, by room. */
    private final Map<String, RoutingContext> ringingDials = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        client = WebClient.create(vertx);
        Router fake = Router.router(vertx);
        fake.post("/twirp/*").handler(BodyHandler.create(false)).handler(this::twirp);
        livekit = vertx.createHttpServer().requestHandler(fake).listen(0).await();
        LiveKitSettings settings = new LiveKitSettings(URI.create("http://localhost:" + livekit.actualPort()), KEY, SECRET, TRUNK, 30);
        campaign = new Campaign(publicUrl -> new LiveKitDialer(vertx, settings, () -> Instant.now(), Duration.ofSeconds(2)),
                (router, publicUrl, events, workers) -> {
                    new LiveKitWebhooks(settings, events, workers).mount(router);
                    webhookUrl = publicUrl + LiveKitSettings.WEBHOOK_PATH;
                });
    }

    private String webhookUrl;

    @AfterEach
    void stop() {
        campaign.close();
        vertx.close().await();
    }

    /** The Twirp server: every call needs a valid access token; SIP calls need the sip grant. */
    private void twirp(RoutingContext ctx) {
        String method = ctx.request().path().substring("/twirp/".length());
        DecodedJWT token;
        try {
            token = JWT.require(Algorithm.HMAC256(SECRET)).withIssuer(KEY).build()
                    .verify(ctx.request().getHeader("Authorization").substring("Bearer ".length()));
        } catch (Exception e) {
            twirpError(ctx, 401, "unauthenticated", "invalid token", Map.of());
            return;
        }
        JsonObject body = ctx.body().asJsonObject().put("_method", method);
        requests.add(body);
        switch (method) {
            case "livekit.RoomService/CreateRoom" -> {
                if (!Boolean.TRUE.equals(token.getClaim("video").asMap().get("roomCreate"))) {
                    twirpError(ctx, 403, "permission_denied", "no roomCreate grant", Map.of());
                    return;
                }
                rooms.put(body.getString("name"), body.copy());
                ok(ctx, new JsonObject().put("sid", "RM_" + body.getString("name").hashCode()).put("name", body.getString("name"))
                        .put("metadata", body.getString("metadata")).put("creationTime", Long.toString(Instant.now().getEpochSecond())));
            }
            case "livekit.AgentDispatchService/CreateDispatch" -> ok(ctx, new JsonObject().put("id", "AD_1").put("agentName", body.getString("agent_name"))
                    .put("room", body.getString("room")));
            case "livekit.RoomService/UpdateRoomMetadata" -> {
                JsonObject room = rooms.get(body.getString("room"));
                if (room == null) {
                    twirpError(ctx, 404, "not_found", "room not found", Map.of());
                    return;
                }
                room.put("metadata", body.getString("metadata"));
                ok(ctx, new JsonObject().put("name", body.getString("room")).put("metadata", body.getString("metadata")));
            }
            case "livekit.RoomService/ListParticipants" -> {
                JsonObject room = rooms.get(body.getString("room"));
                if (room == null) {
                    twirpError(ctx, 404, "not_found", "requested room does not exist", Map.of());
                    return;
                }
                ok(ctx, new JsonObject().put("participants", room.getJsonArray("_participants", new io.vertx.core.json.JsonArray())));
            }
            case "livekit.RoomService/DeleteRoom" -> {
                JsonObject room = rooms.remove(body.getString("room"));
                RoutingContext ringing = ringingDials.remove(body.getString("room"));
                if (ringing != null) { // the line hangs up under a dial still waiting for an answer: its error comes first
                    twirpError(ringing, 408, "canceled", "twirp error unknown: context canceled", Map.of());
                    vertx.setTimer(200, t -> ok(ctx, new JsonObject()));
                } else {
                    ok(ctx, new JsonObject());
                }
                if (room != null) {
                    webhook(new JsonObject().put("event", "room_finished").put("id", "EV_d").put("createdAt", Long.toString(Instant.now().getEpochSecond()))
                            .put("room", new JsonObject().put("name", room.getString("name")).put("metadata", room.getString("metadata"))), null);
                }
            }
            case "livekit.SIP/CreateSIPParticipant" -> sip(ctx, token, body);
            default -> twirpError(ctx, 404, "bad_route", "no such method " + method, Map.of());
        }
    }

    private void sip(RoutingContext ctx, DecodedJWT token, JsonObject body) {
        if (!Boolean.TRUE.equals(token.getClaim("sip").asMap().get("call"))) {
            twirpError(ctx, 403, "permission_denied", "no sip call grant", Map.of());
            return;
        }
        if (!TRUNK.equals(body.getString("sip_trunk_id"))) {
            twirpError(ctx, 404, "not_found", "requested sip trunk does not exist", Map.of());
            return;
        }
        String to = body.getString("sip_call_to");
        int n = tries.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
        String room = body.getString("room_name");
        long dialed = Instant.now().getEpochSecond();
        JsonObject participant = new JsonObject().put("identity", body.getString("participant_identity"))
                .put("metadata", body.getString("participant_metadata")).put("kind", "SIP").put("joinedAt", Long.toString(dialed))
                .put("attributes", new JsonObject().put("sip.callStatus", "dialing"));
        switch (to) {
            case "+14155550107" -> {
                if (n == 1) { // rings until someone stops it: the participant is in the room, dialing
                    rooms.get(room).put("_participants", new io.vertx.core.json.JsonArray().add(participant));
                    ringingDials.put(room, ctx);
                    return;
                }
                answer(ctx, room, participant, 5, false);
            }
            case "+14155550108" -> { // answered, and talking until the test ends
                JsonObject talking = participant.copy().put("attributes", new JsonObject().put("sip.callStatus", "active"));
                rooms.get(room).put("_participants", new io.vertx.core.json.JsonArray().add(talking));
                ok(ctx, new JsonObject().put("participantId", "PA_8").put("participantIdentity", participant.getString("identity")).put("roomName", room));
            }
            case "+14155550102" -> refused(room, participant, "USER_REJECTED", () -> twirpError(ctx, 408, "deadline_exceeded",
                    "twirp error unknown: INVITE failed", Map.of("sip_status_code", "486", "sip_status", "Busy Here")));
            case "+14155550103" -> {
                if (n == 1) {
                    twirpError(ctx, 429, "resource_exhausted", "too many concurrent calls", Map.of());
                    return;
                }
                answer(ctx, room, participant, 12, false);
            }
            case "+14155550104" -> {
                if (n == 1) { // the trunk over its calls per second: the INVITE refused with SIP 503
                    twirpError(ctx, 503, "unavailable", "twirp error unknown: INVITE failed",
                            Map.of("sip_status_code", "503", "sip_status", "Service Unavailable"));
                    return;
                }
                answer(ctx, room, participant, 9, false);
            }
            // rang out: LiveKit SIP's ringing timeout, Twirp canceled with no SIP code (its HTTP status 408)
            case "+14155550105" -> refused(room, participant, "USER_UNAVAILABLE",
                    () -> twirpError(ctx, 408, "canceled", "twirp error unknown: sip request timed out", Map.of()));
            case "+14155550106" -> twirpError(ctx, 400, "invalid_argument", "invalid phone number", Map.of());
            default -> answer(ctx, room, participant, 30, true);
        }
    }

    /** Joined at dialing, left unanswered, then the error: the webhooks come first, as LiveKit SIP sends them. */
    private void refused(String room, JsonObject participant, String reason, Runnable error) {
        JsonObject roomJson = new JsonObject().put("name", room).put("metadata", rooms.get(room).getString("metadata"));
        long at = Instant.now().getEpochSecond();
        webhook(event("participant_joined", roomJson, participant, at), null)
                .compose(v -> webhook(event("participant_left", roomJson, participant.copy().put("disconnectReason", reason), at), null))
                .onComplete(v -> error.run());
    }

    /**
     * The participant joined while dialing (20 s of ringing before this reply); answered: 200; then, once the call is
     * over, participant_left (twice when repeat) and room_finished, a late participant_joined last.
     */
    private void answer(RoutingContext ctx, String room, JsonObject participant, int seconds, boolean repeat) {
        long joined = Instant.now().getEpochSecond() - 20;
        JsonObject p = participant.copy().put("joinedAt", Long.toString(joined));
        webhook(event("participant_joined", new JsonObject().put("name", room).put("metadata", rooms.get(room).getString("metadata")), p, joined), null)
                .onComplete(v -> {
                    ok(ctx, new JsonObject().put("participantId", "PA_1").put("participantIdentity", participant.getString("identity")).put("roomName", room));
                    vertx.setTimer(300, t -> hangUp(room, p, seconds, repeat));
                });
    }

    private void hangUp(String room, JsonObject participant, int seconds, boolean repeat) {
        String metadata = rooms.get(room).getString("metadata");
        long answered = new JsonObject(metadata).getLong("t", Instant.now().getEpochSecond());
        long left = answered + seconds;
        JsonObject roomJson = new JsonObject().put("name", room).put("metadata", metadata);
        JsonObject p = participant.copy().put("attributes", new JsonObject().put("sip.callStatus", "hangup"))
                .put("disconnectReason", "CLIENT_INITIATED");
        webhook(event("participant_left", roomJson, p, left), null)
                .compose(v -> repeat ? webhook(event("participant_left", roomJson, p, left), null) : Future.succeededFuture(204))
                .compose(v -> webhook(new JsonObject().put("event", "room_finished").put("room", roomJson).put("id", "EV_f")
                        .put("createdAt", Long.toString(left + 1)), null))
                .compose(v -> webhook(event("participant_joined", roomJson, participant, left), null));
    }

    private static JsonObject event(String type, JsonObject room, JsonObject participant, long at) {
        return new JsonObject().put("event", type).put("room", room).put("participant", participant).put("id", "EV_" + type)
                .put("createdAt", Long.toString(at));
    }

    /** A webhook as LiveKit sends it: Authorization is a JWT whose sha256 claim is the body's SHA-256 (Base64). */
    Future<Integer> webhook(JsonObject event, String authorization) {
        Buffer body = event.toBuffer();
        String token = authorization != null ? authorization : JWT.create().withIssuer(KEY).withNotBefore(Instant.now().minusSeconds(5))
                .withExpiresAt(Instant.now().plusSeconds(300)).withClaim("sha256", sha256(body.getBytes())).sign(Algorithm.HMAC256(SECRET));
        return client.postAbs(webhookUrl).putHeader("Content-Type", "application/webhook+json").putHeader("Authorization", token)
                .sendBuffer(body).map(r -> r.statusCode());
    }

    private static String sha256(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ok(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static void twirpError(RoutingContext ctx, int status, String code, String msg, Map<String, String> meta) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("code", code).put("msg", msg).put("meta", new JsonObject(new java.util.HashMap<>(meta))).encode());
    }

    @Test
    void aCampaignThroughLiveKitEndsEachContactAsLiveKitReportedIt() throws Exception {
        String job = campaign.create(ORG, "+14155559999", "outbound-agent", 1, List.of("+14155550101", "+14155550102", "+14155550103",
                "+14155550104", "+14155550105", "+14155550106"));
        campaign.runUntil(() -> io.batchcall.application.port.in.DetailQuery.parse(ORG, job, null, "1", "50").flatMap(campaign.engine.detail::detail).get().view().job().status() == JobStatus.COMPLETED,
                Duration.ofSeconds(20));
        Contact answered = campaign.contact(ORG, job, 1);
        assertThat(answered.status()).as(answered.errorCode() + " " + answered.failureReason()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(answered.callDuration()).as("from the answer, not from the participant joining at ringing").contains(30);
        assertThat(answered.roomName()).contains("batch-" + job + "-1-1");
        Contact busy = campaign.contact(ORG, job, 2);
        assertThat(busy.status()).as("SIP 486 in the Twirp error's meta; its participant_left came first and ended nothing")
                .isEqualTo(ContactStatus.BUSY);
        assertThat(busy.errorCode()).contains("486");
        Contact throttled = campaign.contact(ORG, job, 3);
        assertThat(throttled.status()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(throttled.attemptCount()).as("the 429 was not an attempt (1 attempt allowed)").isEqualTo(1);
        assertThat(throttled.callDuration()).contains(12);
        Contact overCps = campaign.contact(ORG, job, 4);
        assertThat(overCps.status()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(overCps.attemptCount()).as("SIP 503 at the INVITE is the trunk's rate limit, not an attempt").isEqualTo(1);
        Contact rangOut = campaign.contact(ORG, job, 5);
        assertThat(rangOut.status()).as("Twirp canceled, sip request timed out, no SIP code").isEqualTo(ContactStatus.NO_ANSWER);
        assertThat(rangOut.errorCode()).contains("livekit_ring_timeout");
        Contact invalid = campaign.contact(ORG, job, 6);
        assertThat(invalid.status()).as("invalid_argument for one call fails that contact, not the job").isEqualTo(ContactStatus.FAILED);
        assertThat(invalid.errorCode()).contains("livekit_bad_request");

        assertThat(requests).as("the agent is dispatched by CreateRoom, once per room").noneMatch(r -> r.getString("_method").contains("CreateDispatch"));
        JsonObject createRoom = requests.stream().filter(r -> r.getString("_method").equals("livekit.RoomService/CreateRoom")
                && r.getString("name").equals("batch-" + job + "-1-1")).findFirst().orElseThrow();
        assertThat(createRoom.getJsonArray("agents").getJsonObject(0).getString("agent_name")).isEqualTo("outbound-agent");
        for (int seq : new int[] {2, 3, 4, 5, 6}) {
            assertThat(requests).as("the room of a refused or failed dial of contact " + seq + " is deleted")
                    .anyMatch(r -> r.getString("_method").equals("livekit.RoomService/DeleteRoom") && r.getString("room").equals("batch-" + job + "-" + seq + "-1"));
        }
        assertThat(requests).as("an answered call's room is left to the call").noneMatch(r -> r.getString("_method").equals("livekit.RoomService/DeleteRoom")
                && r.getString("room").equals("batch-" + job + "-1-1"));

        JsonObject sipCall = requests.stream().filter(r -> r.getString("_method").equals("livekit.SIP/CreateSIPParticipant")
                && r.getString("sip_call_to").equals("+14155550101")).findFirst().orElseThrow();
        assertThat(sipCall.getString("sip_trunk_id")).isEqualTo(TRUNK);
        assertThat(sipCall.getString("sip_number")).isEqualTo("+14155559999");
        assertThat(sipCall.getBoolean("wait_until_answered")).isTrue();
        assertThat(sipCall.getString("ringing_timeout")).isEqualTo("30s");
        assertThat(sipCall.getString("max_call_duration")).as("ends before the engine's 600 s attempt deadline").isEqualTo("540s");
        assertThat(sipCall.getString("room_name")).isEqualTo("batch-" + job + "-1-1");
    }

    /**
     * Pausing a job stops its calls still ringing (the room is deleted, which hangs the line up): that attempt did not
     * happen, whatever error the waiting CreateSIPParticipant then returns, and the contact is dialed again on resume;
     * an answered call ({@code sip.callStatus} active) goes on.
     */
    @Test
    void pausingAJobStopsItsRingingCallsAndTheyAreDialedAgainOnResume() throws Exception {
        String job = campaign.create(ORG, "+14155559999", "outbound-agent", 1, List.of("+14155550107", "+14155550108"));
        String ringingRoom = "batch-" + job + "-1-1";
        String talkingRoom = "batch-" + job + "-2-1";
        campaign.runUntil(() -> ringingDials.containsKey(ringingRoom) && requests.stream().anyMatch(r ->
                r.getString("_method").equals("livekit.RoomService/UpdateRoomMetadata") && r.getString("room").equals(talkingRoom)),
                Duration.ofSeconds(10));
        assertThat(campaign.engine.jobs.act(io.batchcall.application.port.in.JobAction.pause(ORG, job)).isRight()).isTrue();
        campaign.runUntil(() -> campaign.contact(ORG, job, 1).status() == ContactStatus.QUEUED, Duration.ofSeconds(10));
        assertThat(campaign.contact(ORG, job, 1).attemptCount()).as("the stopped call was not an attempt").isZero();
        assertThat(requests).anyMatch(r -> r.getString("_method").equals("livekit.RoomService/DeleteRoom") && r.getString("room").equals(ringingRoom));
        assertThat(requests).as("the answered call goes on").noneMatch(r -> r.getString("_method").equals("livekit.RoomService/DeleteRoom")
                && r.getString("room").equals(talkingRoom));
        assertThat(campaign.contact(ORG, job, 2).status()).isEqualTo(ContactStatus.DIALING);

        assertThat(campaign.engine.jobs.act(io.batchcall.application.port.in.JobAction.resume(ORG, job)).isRight()).isTrue();
        campaign.runUntil(() -> campaign.contact(ORG, job, 1).status() == ContactStatus.COMPLETED, Duration.ofSeconds(10));
        assertThat(campaign.contact(ORG, job, 1).attemptCount()).as("dialed again as its first attempt").isEqualTo(1);
        assertThat(tries.get("+14155550107").get()).isEqualTo(2);
    }

    @Test
    void webhooksNotSignedByLiveKitForThisBodyAreRefused() throws Exception {
        JsonObject event = new JsonObject().put("event", "room_finished").put("room", new JsonObject().put("name", "r")
                .put("metadata", new JsonObject().put("o", ORG).put("j", "bj_x").put("c", "bj_x-c1").put("a", 1).encode()));
        assertThat(webhook(event, "").toCompletionStage().toCompletableFuture().get()).isEqualTo(403);
        String otherBody = JWT.create().withIssuer(KEY).withExpiresAt(Instant.now().plusSeconds(60))
                .withClaim("sha256", sha256("{}".getBytes())).sign(Algorithm.HMAC256(SECRET));
        assertThat(webhook(event, otherBody).toCompletionStage().toCompletableFuture().get()).as("signed for another body").isEqualTo(403);
        String otherSecret = JWT.create().withIssuer(KEY).withExpiresAt(Instant.now().plusSeconds(60))
                .withClaim("sha256", sha256(event.toBuffer().getBytes())).sign(Algorithm.HMAC256("not-the-secret-0123456789"));
        assertThat(webhook(event, otherSecret).toCompletionStage().toCompletableFuture().get()).isEqualTo(403);
        String expired = JWT.create().withIssuer(KEY).withExpiresAt(Instant.now().minusSeconds(3600))
                .withClaim("sha256", sha256(event.toBuffer().getBytes())).sign(Algorithm.HMAC256(SECRET));
        assertThat(webhook(event, expired).toCompletionStage().toCompletableFuture().get()).isEqualTo(403);
        assertThat(webhook(event, null).toCompletionStage().toCompletableFuture().get()).as("a good one for an unknown job").isEqualTo(204);
    }

    @Test
    void aTrunkLiveKitDoesNotKnowFailsTheJob() throws Exception {
        LiveKitSettings wrong = new LiveKitSettings(URI.create("http://localhost:" + livekit.actualPort()), KEY, SECRET, "ST_nope", 30);
        try (Campaign other = new Campaign(u -> new LiveKitDialer(vertx, wrong, () -> Instant.now(), Duration.ofSeconds(2)),
                (router, u, events, workers) -> new LiveKitWebhooks(wrong, events, workers).mount(router))) {
            String job = other.create(ORG, "+14155559999", null, 1, List.of("+14155550101"));
            other.runUntil(() -> io.batchcall.application.port.in.DetailQuery.parse(ORG, job, null, "1", "50").flatMap(other.engine.detail::detail).get().view().job().status() == JobStatus.FAILED,
                    Duration.ofSeconds(10));
            assertThat(io.batchcall.application.port.in.DetailQuery.parse(ORG, job, null, "1", "50").flatMap(other.engine.detail::detail).get().view().job().failureReason().getOrElse(""))
                    .contains("sip trunk");
        }
    }
}
