package io.batchcall.adapter.telephony.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchcall.adapter.telephony.Throttling;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.port.out.DialResult;
import io.batchcall.application.port.out.Dialer;
import io.batchcall.domain.contact.AttemptResult;
import io.batchcall.domain.contact.ContactStatus;
import io.vavr.control.Option;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Places each attempt through Twilio Programmable Voice: {@code POST /2010-04-01/Accounts/{sid}/Calls.json}
 * (Basic auth: account SID and auth token) with {@code To} the contact's number, {@code From} the job's
 * caller ID, {@code Url} the agent's TwiML, {@code FallbackUrl} this server's route that records a TwiML
 * Twilio could not fetch or run, a status callback to this server for every call event, how long the call
 * may ring ({@code Timeout}) and last ({@code TimeLimit}, within the attempt deadline), and, when
 * configured, asynchronous answering-machine detection ({@code MachineDetection=Enable}, {@code AsyncAmd}:
 * the person who answers is not kept waiting while Twilio listens; the verdict comes to the callback
 * route). The call's fate arrives at {@link TwilioCallbacks}. Twilio's refusals: a number Twilio cannot
 * call is {@code invalid_number}; a caller ID Twilio rejects, or credentials it refuses, fail the job;
 * 429 (Twilio's 20429), a 5xx or a request that could not be sent defer the dial without counting it (the
 * call was not created); a request sent with no answer in time is a {@code carrier_error} (the call may
 * exist: placing it again could ring the person twice).
 */
public final class TwilioDialer implements Dialer {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Calls API errors for a destination Twilio cannot call (twilio.com/docs/api/errors/…): 21211 Invalid 'To' Phone Number,
     * 21214 'To' phone number cannot be reached, 21217 Phone number does not appear to be valid.
     */
    private static final Set<Integer> BAD_NUMBER = Set.of(21211, 21214, 21217);
    /**
     * Calls API errors for a caller ID Twilio rejects — every call of the job would be refused: 21210 'From' phone number not
     * verified, 21212 Invalid Caller Phone Number; and for a TwiML URL it refuses: 21205 Invalid URL.
     */
    private static final Set<Integer> BAD_CALLER_ID = Set.of(21205, 21210, 21212);
    /**
     * Calls API errors for a destination the account may not call: 21215 Geo Permission configuration is not permitting
     * call, 21216 Account not allowed to call this number, 21219 'To' phone number not verified (trial accounts).
     */
    private static final Set<Integer> BLOCKED = Set.of(21215, 21216, 21219);

    private final TwilioSettings settings;
    private final WebClient client;
    private final long responseTimeoutMillis;
    private final TwilioCalls calls;

    public TwilioDialer(Vertx vertx, TwilioSettings settings, Duration connectTimeout, Duration responseTimeout) {
        this.settings = settings;
        this.responseTimeoutMillis = responseTimeout.toMillis();
        this.calls = new TwilioCalls(vertx, settings);
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) connectTimeout.toMillis())
                .setUserAgent("batchcall"),
                new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
    }

    /** The status callback URL of one attempt, with the job's rule for machine answers (signed by Twilio as it is). */
    public static String callbackUrl(TwilioSettings settings, DialRequest r) {
        return settings.publicUrl() + TwilioSettings.CALLBACK_PATH + "?o=" + enc(r.organizationId()) + "&j=" + enc(r.batchJobId())
                + "&c=" + enc(r.contactId()) + "&a=" + r.attempt() + (r.machineAnswerOutcome() == null ? "" : "&m=" + enc(r.machineAnswerOutcome()));
    }

    /**
     * The agent's TwiML URL for this call: {@code {agentId}} filled (a path segment: a space is %20), and, when the job leaves
     * a voicemail (CONTRACT §15), its message as the {@code voicemailMessage} query parameter of the TwiML request.
     */
    static String twimlUrl(TwilioSettings settings, DialRequest r) {
        String url = settings.twimlUrl().replace("{agentId}", enc(r.agentId() == null ? "" : r.agentId()).replace("+", "%20"));
        if (r.voicemailMessage() == null) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "voicemailMessage=" + enc(r.voicemailMessage());
    }

    private String twimlUrl(DialRequest r) {
        return twimlUrl(settings, r);
    }

    /** The route Twilio calls when it cannot fetch or run the agent's TwiML, naming the attempt like the status callback. */
    public static String fallbackUrl(TwilioSettings settings, DialRequest r) {
        String callback = callbackUrl(settings, r);
        return settings.publicUrl() + TwilioSettings.FALLBACK_PATH + callback.substring(callback.indexOf('?'));
    }

    @Override
    public CompletionStage<DialResult> dial(DialRequest r) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("To", r.phoneNumber())
                .add("From", r.fromPhoneNumberId())
                // a path segment: a space is %20 there, not the + of a form
                .add("Url", twimlUrl(r))
                .add("FallbackUrl", fallbackUrl(settings, r) + TwilioSettings.CONNECTION_OVERRIDES)
                .add("FallbackMethod", "POST")
                .add("StatusCallback", callbackUrl(settings, r) + TwilioSettings.CONNECTION_OVERRIDES)
                .add("StatusCallbackMethod", "POST")
                .add("Timeout", Integer.toString(settings.ringingSeconds()))
                .add("TimeLimit", Integer.toString(settings.maxCallSeconds()));
        for (String event : new String[] {"initiated", "ringing", "answered", "completed"}) {
            form.add("StatusCallbackEvent", event);
        }
        if (settings.machineDetection()) {
            form.add("MachineDetection", "Enable").add("AsyncAmd", "true")
                    .add("AsyncAmdStatusCallback", callbackUrl(settings, r) + TwilioSettings.CONNECTION_OVERRIDES).add("AsyncAmdStatusCallbackMethod", "POST");
        }
        String url = settings.apiBase().toString().replaceAll("/$", "") + "/2010-04-01/Accounts/" + enc(settings.accountSid()) + "/Calls.json";
        CompletableFuture<DialResult> result = new CompletableFuture<>();
        client.postAbs(url).timeout(responseTimeoutMillis).basicAuthentication(settings.accountSid(), settings.authToken())
                .sendForm(form).onComplete(ar -> {
                    if (ar.failed()) {
                        result.complete(unanswered(ar.cause()));
                    } else {
                        result.complete(answer(ar.result()));
                    }
                });
        return result;
    }

    /**
     * No answer to the request: when it never reached Twilio (no connection), no call exists and the dial waits like a
     * refusal; when it was sent and the answer did not come in time, the call may exist — a carrier_error, not a retry.
     */
    private static DialResult unanswered(Throwable cause) {
        String what = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
                || cause instanceof io.netty.channel.ConnectTimeoutException) {
            return Throttling.deferred(null, "Twilio unreachable (" + what + ")");
        }
        return failed(ContactStatus.CARRIER_ERROR, "twilio_unreachable", "Twilio did not answer the call request: " + what);
    }

    /** A paused or cancelled job's call nobody answered yet: canceled at Twilio ({@link TwilioCalls#cancel}). */
    @Override
    public CompletionStage<Boolean> cancel(String call) {
        return calls.cancel(call).toCompletionStage();
    }

    /** Twilio's record of a call whose status callback never came ({@link TwilioCalls#lookUp}). */
    @Override
    public CompletionStage<io.batchcall.application.port.out.CallLookup> lookUp(String call) {
        return calls.lookUp(call).otherwise(e -> new io.batchcall.application.port.out.CallLookup.Unknown(e.toString()))
                .toCompletionStage();
    }

    private static DialResult answer(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            String sid = null;
            try {
                sid = JSON.readTree(response.bodyAsString()).path("sid").asText(null);
            } catch (Exception notJson) {
                // accepted all the same; the deadline will not be able to ask about it
            }
            return new DialResult.Accepted(sid);
        }
        if (status == 429) {
            return Throttling.deferred(response.getHeader("Retry-After"), "Twilio answered 429 (too many requests)");
        }
        if (status >= 500) {
            // Twilio's side failed before creating the call: not an attempt, the caller id backs off
            return Throttling.deferred(response.getHeader("Retry-After"), "Twilio answered " + status);
        }
        int code = 0;
        String message = "HTTP " + status;
        try {
            JsonNode body = JSON.readTree(response.bodyAsString());
            code = body.path("code").asInt(0);
            message = body.path("message").asText(message);
        } catch (Exception notJson) {
            // keep the status alone
        }
        String errorCode = code == 0 ? "http_" + status : "twilio_" + code;
        if (status == 401 || status == 403 || BAD_CALLER_ID.contains(code)) {
            return new DialResult.JobFatal("Twilio refused the call: " + message + (code == 0 ? "" : " (" + code + ")"));
        }
        if (BAD_NUMBER.contains(code)) {
            return failed(ContactStatus.INVALID_NUMBER, errorCode, "Twilio: " + message);
        }
        if (BLOCKED.contains(code)) {
            return failed(ContactStatus.BLOCKED, errorCode, "Twilio: " + message);
        }
        return failed(ContactStatus.FAILED, errorCode, "Twilio: " + message);
    }

    private static DialResult failed(ContactStatus outcome, String errorCode, String reason) {
        return new DialResult.AttemptFailed(new AttemptResult(outcome, Option.of(errorCode), Option.of(reason), Option.none(), Option.none()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
