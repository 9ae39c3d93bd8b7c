package io.batchcall.adapter.telephony.twilio;

import io.batchcall.adapter.telephony.Campaign;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.JobStatus;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Twilio dialer and its status callbacks against a fake Twilio that speaks Twilio's documented wire
 * format: the Calls resource (form-encoded, Basic auth, 201 with the call, 400 with Twilio's error codes,
 * 429), then status callbacks to the StatusCallback URL it was given, form-encoded and signed with
 * X-Twilio-Signature (HMAC-SHA1 of the URL and sorted parameters with the auth token, computed by the
 * fake itself, not by our signer) — sometimes twice, sometimes out of order; asynchronous AMD verdicts to
 * AsyncAmdStatusCallback; a TwiML it cannot fetch reported to FallbackUrl; calls hung up through the Call
 * resource ({@code Status=completed}).
 */
class TwilioTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "twilio-auth-token-0001";
    private static final String ORG = "org-twilio";

    private Campaign campaign;
    private HttpServer twilio;
    private final List<MultiMap> calls = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
    private final List<String> hungUp = new CopyOnWriteArrayList<>();
    /** Calls Twilio holds queued (beyond its rate), calls in progress, and the cancels it was asked for. */
    private final Map<String, MultiMap> queued = new ConcurrentHashMap<>();
    private final Map<String, MultiMap> live = new ConcurrentHashMap<>();
    private final List<String> canceled = new CopyOnWriteArrayList<>();
    /** Twilio's record of each call (GET Calls/{sid}.json), and the sids asked about. */
    private final Map<String, JsonObject> records = new ConcurrentHashMap<>();
    private final List<String> looked = new CopyOnWriteArrayList<>();
    private WebClient client;
    /** Where callbacks to the configured public URL really go (a proxy in front of the server, in a real deployment). */
    private final Map<String, String> proxy = new ConcurrentHashMap<>();
    /** How the fake signs: with the URL as given, or with the scheme's default port written out (Twilio does either). */
    private volatile boolean signWithPort;
    /** A Webhooks Rule's shared key: signed with it and HMAC-SHA256, with the settings header; null: the auth token. */
    private volatile String ruleKey;

    @BeforeEach
    void start() {
        vertx = io.vertx.core.Vertx.vertx();
        client = WebClient.create(vertx);
        Router fake = Router.router(vertx);
        fake.post("/2010-04-01/Accounts/:sid/Calls.json").handler(BodyHandler.create(false)).handler(this::calls);
        fake.get("/2010-04-01/Accounts/:sid/Calls/:call").handler(ctx -> {
            String sid = ctx.pathParam("call").replace(".json", "");
            looked.add(sid);
            JsonObject record = records.get(sid);
            if (record == null) {
                error(ctx, 404, 20404, "The requested resource was not found");
                return;
            }
            ctx.response().putHeader("Content-Type", "application/json").end(record.encode());
        });
        fake.post("/2010-04-01/Accounts/:sid/Calls/:call").handler(BodyHandler.create(false)).handler(ctx -> {
            String sid = ctx.pathParam("call").replace(".json", "");
            if ("canceled".equals(ctx.request().getFormAttribute("Status"))) {
                // Twilio cancels a queued or ringing call and leaves one in progress as it is
                canceled.add(sid);
                MultiMap queuedCall = queued.remove(sid);
                ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("sid", sid)
                        .put("status", queuedCall != null ? "canceled" : live.containsKey(sid) ? "in-progress" : "completed").encode());
                if (queuedCall != null) {
                    callback(queuedCall.get("StatusCallback"), sid, queuedCall, status("canceled"), null);
                }
                return;
            }
            if ("completed".equals(ctx.request().getFormAttribute("Status"))) {
                hungUp.add(sid);
            }
            ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("sid", ctx.pathParam("call")).put("status", "completed").encode());
        });
        twilio = vertx.createHttpServer().requestHandler(fake).listen(0).await();
        campaign = new Campaign(publicUrl -> new TwilioDialer(vertx, settings(publicUrl), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                (router, publicUrl, events, workers) -> new TwilioCallbacks(settings(publicUrl), events, workers).mount(router));
    }

    /** Twilio's Calls resource. */
    private void calls(io.vertx.ext.web.RoutingContext ctx) {
        String auth = ctx.request().getHeader("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(auth) || !ctx.pathParam("sid").equals(SID)) {
            error(ctx, 401, 20003, "Authenticate");
            return;
        }
        MultiMap form = ctx.request().formAttributes();
        calls.add(MultiMap.caseInsensitiveMultiMap().addAll(form));
        for (String callbackUrl : new String[] {"StatusCallback", "FallbackUrl", "AsyncAmdStatusCallback"}) {
            if (form.get(callbackUrl) != null && !validOverrides(form.get(callbackUrl))) {
                error(ctx, 400, 21205, "Invalid connection overrides in " + callbackUrl);
                return;
            }
        }
        String to = form.get("To");
        int n = tries.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
        if (form.get("From").equals("+10000000000")) {
            error(ctx, 400, 21212, "The 'From' number +10000000000 is not a valid phone number");
            return;
        }
        switch (to) {
            case "+14155550004" -> error(ctx, 400, 21211, "The 'To' number +14155550004 is not a valid phone number.");
            case "+14155550006" -> {
                if (n == 1) {
                    ctx.response().putHeader("Retry-After", "1");
                    error(ctx, 429, 20429, "Too Many Requests");
                    return;
                }
                accept(ctx, form, List.of(status("in-progress"), completed(17, "human")));
            }
            case "+14155550001" -> accept(ctx, form, List.of(status("initiated"), status("ringing"), status("in-progress"),
                    completed(42, null), completed(42, null), status("in-progress"))); // a repeat, then a late one
            case "+14155550002" -> accept(ctx, form, List.of(status("ringing"), sip("busy", 486)));
            case "+14155550003" -> accept(ctx, form, List.of(sip("failed", 404)));
            case "+14155550005" -> {
                if (n > 1) {
                    accept(ctx, form, List.of(status("in-progress"), completed(31, null)));
                } else if ("true".equals(form.get("AsyncAmd"))) { // the verdict to AsyncAmdStatusCallback, the call goes on
                    accept(ctx, form, List.of(status("in-progress"), amd(form.get("AsyncAmdStatusCallback"), "machine_start"), completed(9, null)));
                } else { // synchronous AMD: the person waited in silence; AnsweredBy on the status callback
                    accept(ctx, form, List.of(status("in-progress"), completed(9, "machine_start")));
                }
            }
            case "+14155550007" -> accept(ctx, form, List.of(status("in-progress"), // the agent's TwiML could not be fetched
                    fallback(form.get("FallbackUrl"), "11200"), completed(4, null)));
            case "+14155550009" -> {
                if (n == 1) { // rings out, but its callbacks never reach us: only Twilio's record knows
                    String sid = String.format("CA%032x", 9);
                    records.put(sid, new JsonObject().put("sid", sid).put("status", "no-answer").put("duration", "0").putNull("answered_by"));
                    ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(new JsonObject().put("sid", sid)
                            .put("status", "queued").encode());
                    return;
                }
                accept(ctx, form, List.of(status("in-progress"), completed(7, null)));
            }
            case "+14155550011" -> {
                if (n == 1) { // queued at Twilio: not ringing yet
                    String sid = String.format("CA%032x", 11);
                    queued.put(sid, MultiMap.caseInsensitiveMultiMap().addAll(form));
                    ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(new JsonObject().put("sid", sid)
                            .put("status", "queued").encode());
                    return;
                }
                accept(ctx, form, List.of(status("in-progress"), completed(11, null)));
            }
            case "+14155550012" -> { // answered, and talking until the test ends it
                String sid = String.format("CA%032x", 12);
                live.put(sid, MultiMap.caseInsensitiveMultiMap().addAll(form));
                ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(new JsonObject().put("sid", sid)
                        .put("status", "queued").encode());
                callback(form.get("StatusCallback"), sid, form, status("in-progress"), null);
            }
            case "+14155550008" -> {
                if (n == 1) {
                    error(ctx, 503, 20500, "Internal Server Error");
                    return;
                }
                accept(ctx, form, List.of(status("in-progress"), completed(8, null)));
            }
            default -> error(ctx, 500, 0, "unexpected number");
        }
    }

    private io.vertx.core.Vertx vertx;

    private TwilioSettings settings(String publicUrl) {
        return new TwilioSettings(SID, TOKEN, URI.create("http://localhost:" + twilio.actualPort()), publicUrl,
                "https://agents.example.com/twiml/{agentId}", true, ContactStatus.NO_ANSWER);
    }

    @AfterEach
    void stop() {
        campaign.close();
        vertx.close().await();
    }

    private static Map<String, String> status(String status) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CallStatus", status);
        return m;
    }

    private static Map<String, String> completed(int seconds, String answeredBy) {
        Map<String, String> m = status("completed");
        m.put("CallDuration", Integer.toString(seconds));
        if (answeredBy != null) {
            m.put("AnsweredBy", answeredBy);
        }
        return m;
    }

    /** The asynchronous AMD callback: no CallStatus, the verdict, sent to its own URL. */
    private static Map<String, String> amd(String url, String answeredBy) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("AnsweredBy", answeredBy);
        m.put("MachineDetectionDuration", "2300");
        m.put("_url", url);
        return m;
    }

    /** Twilio could not fetch the call's TwiML: it posts ErrorCode and ErrorUrl to the FallbackUrl. */
    private static Map<String, String> fallback(String url, String code) {
        Map<String, String> m = status("in-progress");
        m.put("ErrorCode", code);
        m.put("ErrorUrl", "https://agents.example.com/twiml/sales%20agent");
        m.put("_url", url);
        return m;
    }

    private static Map<String, String> sip(String status, int code) {
        Map<String, String> m = status(status);
        m.put("SipResponseCode", Integer.toString(code));
        return m;
    }

    private static void error(io.vertx.ext.web.RoutingContext ctx, int status, int code, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(new JsonObject().put("code", code)
                .put("message", message).put("more_info", "https://www.twilio.com/docs/errors/" + code).put("status", status).encode());
    }

    /** 201 with the call, then the callbacks, one after another, to the StatusCallback URL. */
    private void accept(io.vertx.ext.web.RoutingContext ctx, MultiMap form, List<Map<String, String>> callbacks) {
        String callSid = "CA" + Integer.toHexString(form.get("To").hashCode()) + calls.size();
        ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(new JsonObject().put("sid", callSid)
                .put("account_sid", SID).put("to", form.get("To")).put("from", form.get("From")).put("status", "queued").encode());
        String url = form.get("StatusCallback");
        io.vertx.core.Future<?> chain = io.vertx.core.Future.succeededFuture();
        for (Map<String, String> cb : callbacks) {
            Map<String, String> params = new LinkedHashMap<>(cb);
            String to = params.containsKey("_url") ? params.remove("_url") : url;
            chain = chain.compose(v -> callback(to, callSid, form, params, null).map(code -> v));
        }
    }

    /**
     * Twilio's connection overrides, as its documentation bounds them: ct 100–10000, rt 100–15000, tt 100–15000 (ms),
     * rc 0–5, rp a comma list of 4xx, 5xx, ct, rt, all; e and sni also exist. A URL without a fragment has none.
     */
    static boolean validOverrides(String url) {
        int hash = url.indexOf('#');
        if (hash < 0) {
            return true;
        }
        for (String pair : url.substring(hash + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2) {
                return false;
            }
            boolean ok = switch (kv[0]) {
                case "ct" -> kv[1].matches("\\d{3,5}") && Integer.parseInt(kv[1]) >= 100 && Integer.parseInt(kv[1]) <= 10000;
                case "rt", "tt" -> kv[1].matches("\\d{3,5}") && Integer.parseInt(kv[1]) >= 100 && Integer.parseInt(kv[1]) <= 15000;
                case "rc" -> kv[1].matches("[0-5]");
                case "rp" -> java.util.Arrays.stream(kv[1].split(",")).allMatch(v -> List.of("4xx", "5xx", "ct", "rt", "all").contains(v));
                case "e", "sni" -> true;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether the fake signs a callback over its URL with the connection-override fragment (Twilio's docs do not say). */
    private boolean signWithFragment;

    /** One callback as Twilio sends it; {@code signature} overrides the real one (null: sign it). */
    io.vertx.core.Future<Integer> callback(String url, String callSid, MultiMap call, Map<String, String> params, String signature) {
        MultiMap body = MultiMap.caseInsensitiveMultiMap().add("AccountSid", SID).add("CallSid", callSid)
                .add("From", call.get("From")).add("To", call.get("To")).add("Direction", "outbound-api").add("ApiVersion", "2010-04-01");
        params.forEach(body::add);
        Map<String, List<String>> signed = new LinkedHashMap<>();
        body.forEach(e -> signed.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        String deliver = url.contains("#") ? url.substring(0, url.indexOf('#')) : url; // a fragment is not sent
        url = signWithFragment ? url : deliver;
        for (Map.Entry<String, String> p : proxy.entrySet()) {
            deliver = deliver.startsWith(p.getKey()) ? p.getValue() + deliver.substring(p.getKey().length()) : deliver;
        }
        var request = client.postAbs(deliver);
        String signedUrl = signWithPort ? withDefaultPort(url) : url;
        String sig = signature != null ? signature : ruleKey != null ? twilioSigns("HmacSHA256", ruleKey, signedUrl, signed)
                : twilioSigns("HmacSHA1", TOKEN, signedUrl, signed);
        if (!sig.isEmpty()) {
            request.putHeader(TwilioSignature.HEADER, sig);
        }
        if (ruleKey != null && signature == null) {
            request.putHeader("X-Twilio-Webhooks-Signature-Settings", "key=WSxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,algorithm=HMAC_SHA256");
        }
        return request.sendForm(body).map(r -> r.statusCode());
    }

    /** Twilio's signing, written here from its documentation (not our signer): the URL, then the sorted name+value pairs. */
    static String twilioSigns(String algorithm, String key, String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        new java.util.TreeMap<>(params).forEach((name, values) -> values.stream().sorted().forEach(v -> data.append(name).append(v)));
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance(algorithm);
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code https://host/…} → {@code https://host:443/…} (a URL with a port stays as it is). */
    static String withDefaultPort(String url) {
        URI u = URI.create(url);
        if (u.getPort() != -1) {
            return url;
        }
        int port = u.getScheme().equals("https") ? 443 : 80;
        return u.getScheme() + "://" + u.getHost() + ":" + port + url.substring(url.indexOf(u.getHost()) + u.getHost().length());
    }

    @Test
    void aCampaignThroughTwilioEndsEachContactAsTwilioReportedIt() throws Exception {
        String job = campaign.create(ORG, "+14155559999", "sales agent", 2, List.of("+14155550001", "+14155550002", "+14155550003",
                "+14155550004", "+14155550005", "+14155550006", "+14155550007", "+14155550008"));
        campaign.runUntil(() -> io.batchcall.application.port.in.DetailQuery.parse(ORG, job, null, "1", "50").flatMap(campaign.engine.detail::detail).get().view().job().status() == JobStatus.COMPLETED,
                Duration.ofSeconds(20));

        Contact answered = campaign.contact(ORG, job, 1);
        assertThat(answered.status()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(answered.callDuration()).contains(42);
        assertThat(answered.attemptCount()).isEqualTo(1);
        assertThat(campaign.contact(ORG, job, 2).status()).as("busy, retried once, busy again").isEqualTo(ContactStatus.BUSY);
        assertThat(campaign.contact(ORG, job, 2).errorCode()).contains("486");
        assertThat(campaign.contact(ORG, job, 3).status()).as("SIP 404").isEqualTo(ContactStatus.INVALID_NUMBER);
        Contact refused = campaign.contact(ORG, job, 4);
        assertThat(refused.status()).as("Twilio's 21211").isEqualTo(ContactStatus.INVALID_NUMBER);
        assertThat(refused.errorCode()).contains("twilio_21211");
        Contact machine = campaign.contact(ORG, job, 5);
        assertThat(machine.status()).as("a machine first (no_answer, retried), then a person").isEqualTo(ContactStatus.COMPLETED);
        assertThat(machine.attemptCount()).isEqualTo(2);
        assertThat(machine.callDuration()).contains(31);
        MultiMap machineCall = calls.stream().filter(c -> c.get("To").equals("+14155550005")).findFirst().orElseThrow();
        assertThat(machineCall.get("AsyncAmd")).as("the person who answers does not wait for the verdict").isEqualTo("true");
        assertThat(machineCall.get("AsyncAmdStatusCallback")).startsWith("http://localhost:" + campaign.callbacks.actualPort() + "/telephony/twilio/status?o=");
        assertThat(hungUp).as("the machine's call was hung up on the verdict").hasSize(1);
        Contact noTwiml = campaign.contact(ORG, job, 7);
        assertThat(noTwiml.status()).as("a TwiML Twilio could not fetch is a failure, not a completed call").isEqualTo(ContactStatus.FAILED);
        assertThat(noTwiml.failureReason().getOrElse("")).contains("11200");
        Contact serverError = campaign.contact(ORG, job, 8);
        assertThat(serverError.status()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(serverError.attemptCount()).as("Twilio's 5xx created no call: not an attempt").isEqualTo(1);
        Contact throttled = campaign.contact(ORG, job, 6);
        assertThat(throttled.status()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(throttled.attemptCount()).as("the 429 was not an attempt").isEqualTo(1);
        assertThat(tries.get("+14155550006").get()).isEqualTo(2);

        MultiMap first = calls.stream().filter(c -> c.get("To").equals("+14155550001")).findFirst().orElseThrow();
        assertThat(first.get("From")).isEqualTo("+14155559999");
        assertThat(first.get("Url")).as("a space in a URL path").isEqualTo("https://agents.example.com/twiml/sales%20agent");
        assertThat(first.get("FallbackUrl")).startsWith("http://localhost:" + campaign.callbacks.actualPort() + "/telephony/twilio/fallback?o=");
        assertThat(first.get("Timeout")).as("ringing").isEqualTo("30");
        assertThat(first.get("TimeLimit")).as("ends before the 600 s attempt deadline").isEqualTo("540");
        assertThat(first.getAll("StatusCallbackEvent")).containsExactly("initiated", "ringing", "answered", "completed");
        assertThat(first.get("StatusCallbackMethod")).isEqualTo("POST");
        assertThat(first.get("MachineDetection")).isEqualTo("Enable");
        assertThat(first.get("StatusCallback")).startsWith("http://localhost:" + campaign.callbacks.actualPort() + "/telephony/twilio/status?o=");
        assertThat(List.of(first.get("StatusCallback"), first.get("FallbackUrl"), machineCall.get("AsyncAmdStatusCallback")))
                .as("Twilio retries our callbacks on a refused connection, a timeout or a 5xx (connection overrides)")
                .allSatisfy(u -> assertThat(u).contains("#").contains("rc=3").contains("rp=ct,rt,5xx"));
    }

    /**
     * CONTRACT §14 against Twilio's wire format: an account that takes 2 new calls in any second answers 429 with
     * Twilio's error 20429 above it. With no callsPerSecond configured, the engine finds the rate by itself: past the
     * first 10 s, no 10 s hold more than 25 accepted calls (2.5/s); every contact completes with the one attempt it
     * is allowed — no refusal counted.
     */
    @Test
    void anAccountOverItsCallsPerSecondIsPacedBelowItWithNoAttemptLost() throws Exception {
        List<Long> accepted = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        io.vertx.core.Vertx cps = io.vertx.core.Vertx.vertx();
        Router limited = Router.router(cps);
        limited.post("/2010-04-01/Accounts/:sid/Calls.json").handler(BodyHandler.create(false)).handler(ctx -> {
            long now = System.nanoTime();
            synchronized (accepted) {
                if (accepted.stream().filter(t -> t > now - 1_000_000_000L).count() >= 2) {
                    refused.incrementAndGet();
                    ctx.response().putHeader("Retry-After", "1");
                    error(ctx, 429, 20429, "Too Many Requests");
                    return;
                }
                accepted.add(now);
            }
            accept(ctx, ctx.request().formAttributes(), List.of(status("in-progress"), completed(3, "human")));
        });
        HttpServer account = cps.createHttpServer().requestHandler(limited).listen(0).await();
        java.util.function.Function<String, TwilioSettings> paced = publicUrl -> new TwilioSettings(SID, TOKEN,
                URI.create("http://localhost:" + account.actualPort()), publicUrl, "https://agents.example.com/twiml/{agentId}", false,
                ContactStatus.NO_ANSWER);
        try (Campaign real = new Campaign(publicUrl -> new TwilioDialer(vertx, paced.apply(publicUrl), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                (router, publicUrl, events, workers) -> new TwilioCallbacks(paced.apply(publicUrl), events, workers).mount(router),
                () -> java.time.Instant.now())) {
            List<String> phones = java.util.stream.IntStream.range(0, 40).mapToObj(i -> String.format("+1415555%04d", 2000 + i)).toList();
            String job = real.create(ORG, "+14155559999", null, 1, phones);
            long started = System.nanoTime();
            real.runInRealTimeUntil(() -> io.batchcall.application.port.in.DetailQuery.parse(ORG, job, null, "1", "50")
                    .flatMap(real.engine.detail::detail).get().view().job().status() == JobStatus.COMPLETED, Duration.ofSeconds(90));
            for (int i = 1; i <= phones.size(); i++) {
                Contact c = real.contact(ORG, job, i);
                assertThat(c.status()).as(c.phoneNumber()).isEqualTo(ContactStatus.COMPLETED);
                assertThat(c.attemptCount()).as("a 429 is not an attempt").isEqualTo(1);
            }
            List<Long> times = new ArrayList<>(accepted);
            times.sort(null);
            int worstTen = 0;
            for (int i = 0, j = 0; i < times.size(); i++) {
                while (j < times.size() && times.get(j) < times.get(i) + 10_000_000_000L) {
                    j++;
                }
                if (times.get(i) >= started + 10_000_000_000L) {
                    worstTen = Math.max(worstTen, j - i);
                }
            }
            System.out.printf("[twilio cps] 40 calls through an account taking 2/s: %d refusals, at most %d accepted in 10 s after the first 10 s, "
                    + "%.1f s in all%n", refused.get(), worstTen, (System.nanoTime() - started) / 1e9);
            assertThat(worstTen).as("accepted calls in any 10 s past the first 10 (2.5/s)").isLessThanOrEqualTo(25);
            assertThat(refused.get()).as("the account did refuse: the engine had to find its rate").isPositive();
        } finally {
            cps.close().await();
        }
    }

    @Test
    void aJobThatCountsMachineAnswersAsCompletedOverridesTheServerSetting() throws Exception {
        // the server counts a machine as no_answer (settings); this job counts it as completed
        String job = campaign.create(ORG, "+14155559999", null, 2, List.of("+14155550005"), "completed");
        campaign.runUntil(() -> io.batchcall.application.port.in.DetailQuery.parse(ORG, job, null, "1", "50").flatMap(campaign.engine.detail::detail).get().view().job().status() == JobStatus.COMPLETED,
                Duration.ofSeconds(10));
        Contact machine = campaign.contact(ORG, job, 1);
        assertThat(machine.status()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(machine.attemptCount()).as("not retried").isEqualTo(1);
        assertThat(calls.get(calls.size() - 1).get("StatusCallback")).contains("&m=completed#");
    }

    @Test
    void unsignedOrWronglySignedCallbacksAreRefusedAndChangeNothing() throws Exception {
        String job = campaign.create(ORG, "+14155559999", null, 1, List.of("+14155550002"));
        campaign.engine.dispatcher.tick();
        Contact before = campaign.contact(ORG, job, 1);
        String url = "http://localhost:" + campaign.callbacks.actualPort() + TwilioSettings.CALLBACK_PATH + "?o=" + ORG + "&j=" + job
                + "&c=" + before.id() + "&a=1";
        MultiMap call = MultiMap.caseInsensitiveMultiMap().add("From", "+14155559999").add("To", "+14155550002");
        assertThat(callback(url, "CAforged", call, completed(60, null), "").toCompletionStage().toCompletableFuture().get()).isEqualTo(403);
        assertThat(callback(url, "CAforged", call, completed(60, null), "bm90IHRoZSBzaWduYXR1cmU=").toCompletionStage().toCompletableFuture().get())
                .isEqualTo(403);
        // signed for another attempt's URL: the query is part of what is signed
        Map<String, List<String>> params = new LinkedHashMap<>();
        String other = url.replace("&a=1", "&a=2");
        MultiMap body = MultiMap.caseInsensitiveMultiMap().add("CallStatus", "completed").add("CallDuration", "60");
        body.forEach(e -> params.put(e.getKey(), List.of(e.getValue())));
        int code = client.postAbs(url).putHeader(TwilioSignature.HEADER, TwilioSignature.sign(TOKEN, other, params)).sendForm(body)
                .map(r -> r.statusCode()).toCompletionStage().toCompletableFuture().get();
        assertThat(code).isEqualTo(403);
        Contact after = campaign.contact(ORG, job, 1);
        assertThat(after.status()).isIn(ContactStatus.DIALING, ContactStatus.BUSY); // only the fake's own signed busy can end it
        assertThat(after.callDuration()).isNotEqualTo(io.vavr.control.Option.of(60));
    }

    /**
     * The operator's public URL has no port (a proxy in front): Twilio signs the URL with its port written out
     * (:443), then, once the account has a Webhooks Rule, with the rule's shared key and HMAC-SHA256. Both are
     * Twilio's; a server that checked the URL in one form only, or the auth token only, would refuse every callback.
     */
    @Test
    void callbacksSignedOverTheUrlWithItsPortOrWithAWebhooksRuleKeyAreAccepted() throws Exception {
        String publicUrl = "https://batchcall.example.com";
        java.util.function.Function<String, TwilioSettings> proxied = local -> new TwilioSettings(SID, TOKEN,
                URI.create("http://localhost:" + twilio.actualPort()), publicUrl, "https://agents.example.com/twiml/{agentId}", false,
                ContactStatus.NO_ANSWER, 30, 540, "rule-shared-key-0001");
        try (Campaign behindProxy = new Campaign(local -> new TwilioDialer(vertx, proxied.apply(local), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                (router, local, events, workers) -> {
                    proxy.put(publicUrl, local);
                    new TwilioCallbacks(proxied.apply(local), events, workers).mount(router);
                })) {
            signWithPort = true;
            String job = behindProxy.create(ORG, "+14155559999", null, 1, List.of("+14155550001"));
            behindProxy.runUntil(() -> behindProxy.contact(ORG, job, 1).status() == ContactStatus.COMPLETED, Duration.ofSeconds(10));
            assertThat(behindProxy.contact(ORG, job, 1).callDuration()).contains(42);

            signWithPort = false;
            ruleKey = "rule-shared-key-0001";
            String ruled = behindProxy.create(ORG, "+14155559999", null, 1, List.of("+14155550002"));
            behindProxy.runUntil(() -> behindProxy.contact(ORG, ruled, 1).status() == ContactStatus.BUSY, Duration.ofSeconds(10));

            ruleKey = null;
            signWithFragment = true; // over the URL as we gave it, overrides and all
            String fragment = behindProxy.create(ORG, "+14155559999", null, 1, List.of("+14155550002"));
            behindProxy.runUntil(() -> behindProxy.contact(ORG, fragment, 1).status() == ContactStatus.BUSY, Duration.ofSeconds(10));
        } finally {
            signWithPort = false;
            signWithFragment = false;
            ruleKey = null;
        }
    }

    @Test
    void aCallbackSignedWithARuleKeyTheServerWasNotGivenIsRefused() throws Exception {
        String job = campaign.create(ORG, "+14155559999", null, 1, List.of("+14155550002"));
        campaign.engine.dispatcher.tick();
        Contact before = campaign.contact(ORG, job, 1);
        String url = "http://localhost:" + campaign.callbacks.actualPort() + TwilioSettings.CALLBACK_PATH + "?o=" + ORG + "&j=" + job
                + "&c=" + before.id() + "&a=1";
        ruleKey = "rule-shared-key-0001";
        try {
            MultiMap call = MultiMap.caseInsensitiveMultiMap().add("From", "+14155559999").add("To", "+14155550002");
            assertThat(callback(url, "CAruled", call, completed(60, null), null).toCompletionStage().toCompletableFuture().get()).isEqualTo(403);
        } finally {
            ruleKey = null;
        }
        assertThat(campaign.contact(ORG, job, 1).callDuration()).isNotEqualTo(io.vavr.control.Option.of(60));
    }

    /**
     * Twilio does not retry a status callback by default: one lost to an outage leaves the attempt open. At its deadline
     * the engine reads Twilio's record of the call instead of closing it failed: a no-answer stays a no-answer, retried.
     */
    @Test
    void anAttemptWhoseCallbackNeverCameEndsAsTwilioRecordedTheCall() throws Exception {
        String job = campaign.create(ORG, "+14155559999", null, 2, List.of("+14155550009"));
        campaign.engine.dispatcher.tick();
        campaign.runUntil(() -> campaign.contact(ORG, job, 1).roomName().exists(r -> r.startsWith("CA")), Duration.ofSeconds(5));
        assertThat(campaign.contact(ORG, job, 1).roomName()).as("the CallSid from Twilio's 201 is kept on the attempt")
                .contains(String.format("CA%032x", 9));
        campaign.clock.advance(Duration.ofMinutes(11)); // past the 10-minute attempt deadline
        campaign.runUntil(() -> campaign.contact(ORG, job, 1).status() == ContactStatus.COMPLETED, Duration.ofSeconds(10));
        Contact c = campaign.contact(ORG, job, 1);
        assertThat(looked).containsExactly(String.format("CA%032x", 9));
        assertThat(c.attemptCount()).as("the first attempt was a no-answer (retryable), not a failure").isEqualTo(2);
        assertThat(c.callDuration()).contains(7);
    }

    /**
     * Twilio queues calls beyond its rate: a pause must stop them, or they ring after it. Pausing cancels the job's calls
     * nobody answered (Twilio confirms "canceled"): that attempt did not happen and the contact is dialed again on resume;
     * a call in progress is left to end as it would have.
     */
    @Test
    void pausingAJobStopsItsCallsNobodyAnsweredAndTheyAreDialedAgainOnResume() throws Exception {
        String job = campaign.create(ORG, "+14155559999", null, 1, List.of("+14155550011", "+14155550012"));
        String queuedSid = String.format("CA%032x", 11);
        String liveSid = String.format("CA%032x", 12);
        campaign.runUntil(() -> campaign.contact(ORG, job, 1).roomName().contains(queuedSid)
                && campaign.contact(ORG, job, 2).roomName().contains(liveSid), Duration.ofSeconds(10));
        assertThat(campaign.engine.jobs.act(io.batchcall.application.port.in.JobAction.pause(ORG, job)).isRight()).isTrue();
        // the two cancels are sent side by side: wait for both before reading what Twilio was asked
        campaign.runUntil(() -> campaign.contact(ORG, job, 1).status() == ContactStatus.QUEUED && canceled.size() >= 2,
                Duration.ofSeconds(10));
        assertThat(canceled).containsExactlyInAnyOrder(queuedSid, liveSid);
        assertThat(campaign.contact(ORG, job, 1).attemptCount()).as("the canceled call was not an attempt").isZero();
        assertThat(campaign.contact(ORG, job, 2).status()).as("the call in progress goes on").isEqualTo(ContactStatus.DIALING);
        MultiMap liveCall = live.get(liveSid);
        assertThat(callback(liveCall.get("StatusCallback"), liveSid, liveCall, completed(20, null), null).toCompletionStage()
                .toCompletableFuture().get()).isEqualTo(204);
        assertThat(campaign.contact(ORG, job, 2).status()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(campaign.engine.jobs.act(io.batchcall.application.port.in.JobAction.resume(ORG, job)).isRight()).isTrue();
        campaign.runUntil(() -> io.batchcall.application.port.in.DetailQuery.parse(ORG, job, null, "1", "50").flatMap(campaign.engine.detail::detail)
                .get().view().job().status() == JobStatus.COMPLETED, Duration.ofSeconds(10));
        Contact again = campaign.contact(ORG, job, 1);
        assertThat(again.status()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(again.attemptCount()).as("dialed again as its first attempt").isEqualTo(1);
        assertThat(tries.get("+14155550011").get()).isEqualTo(2);
    }

    @Test
    void aCallerIdTwilioRejectsFailsTheJob() throws Exception {
        String job = campaign.create(ORG, "+10000000000", null, 1, List.of("+14155550001", "+14155550002"));
        campaign.runUntil(() -> io.batchcall.application.port.in.DetailQuery.parse(ORG, job, null, "1", "50").flatMap(campaign.engine.detail::detail).get().view().job().status() == JobStatus.FAILED,
                Duration.ofSeconds(10));
        assertThat(io.batchcall.application.port.in.DetailQuery.parse(ORG, job, null, "1", "50").flatMap(campaign.engine.detail::detail).get().view().job().failureReason().getOrElse(""))
                .contains("21212");
    }
}
