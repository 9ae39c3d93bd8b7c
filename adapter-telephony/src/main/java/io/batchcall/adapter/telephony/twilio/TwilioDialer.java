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
 * caller ID, {@code Url} the agent's TwiML, a status callback to this server for every call event, and
 * answering-machine detection when configured. The call's fate arrives at {@link TwilioCallbacks}.
 * Twilio's refusals: a number Twilio cannot call is {@code invalid_number}; a caller ID Twilio rejects,
 * or credentials it refuses, fail the job; 429 defers the dial without counting it; 5xx and no answer
 * are a {@code carrier_error}.
 */
public final class TwilioDialer implements Dialer {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Twilio error codes for a destination it cannot call (21211 invalid 'To', 21214 unreachable, 21217 not valid, 21401 invalid number). */
    private static final Set<Integer> BAD_NUMBER = Set.of(21211, 21214, 21217, 21401, 21407);
    /** Twilio error codes for a caller ID it rejects (21210 'From' not verified, 21212 invalid 'From', 21606 'From' not capable). */
    private static final Set<Integer> BAD_CALLER_ID = Set.of(21210, 21212, 21606);
    /** Twilio error codes for a destination blocked by the account's permissions (21215 geo permissions, 21216 blocked, 13227). */
    private static final Set<Integer> BLOCKED = Set.of(21215, 21216, 13227);

    private final TwilioSettings settings;
    private final WebClient client;
    private final long responseTimeoutMillis;

    public TwilioDialer(Vertx vertx, TwilioSettings settings, Duration connectTimeout, Duration responseTimeout) {
        this.settings = settings;
        this.responseTimeoutMillis = responseTimeout.toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) connectTimeout.toMillis())
                .setUserAgent("batchcall"),
                new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
    }

    /** The status callback URL of one attempt, with the job's rule for machine answers (signed by Twilio as it is). */
    public static String callbackUrl(TwilioSettings settings, DialRequest r) {
        return settings.publicUrl() + TwilioSettings.CALLBACK_PATH + "?o=" + enc(r.organizationId()) + "&j=" + enc(r.batchJobId())
                + "&c=" + enc(r.contactId()) + "&a=" + r.attempt() + (r.machineAnswerOutcome() == null ? "" : "&m=" + enc(r.machineAnswerOutcome()));
    }

    @Override
    public CompletionStage<DialResult> dial(DialRequest r) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("To", r.phoneNumber())
                .add("From", r.fromPhoneNumberId())
                .add("Url", settings.twimlUrl().replace("{agentId}", enc(r.agentId() == null ? "" : r.agentId())))
                .add("StatusCallback", callbackUrl(settings, r))
                .add("StatusCallbackMethod", "POST");
        for (String event : new String[] {"initiated", "ringing", "answered", "completed"}) {
            form.add("StatusCallbackEvent", event);
        }
        if (settings.machineDetection()) {
            form.add("MachineDetection", "Enable");
        }
        String url = settings.apiBase().toString().replaceAll("/$", "") + "/2010-04-01/Accounts/" + enc(settings.accountSid()) + "/Calls.json";
        CompletableFuture<DialResult> result = new CompletableFuture<>();
        client.postAbs(url).timeout(responseTimeoutMillis).basicAuthentication(settings.accountSid(), settings.authToken())
                .sendForm(form).onComplete(ar -> {
                    if (ar.failed()) {
                        result.complete(failed(ContactStatus.CARRIER_ERROR, "twilio_unreachable",
                                "Twilio unreachable: " + ar.cause().getClass().getSimpleName()));
                    } else {
                        result.complete(answer(ar.result()));
                    }
                });
        return result;
    }

    private static DialResult answer(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return DialResult.accepted();
        }
        if (status == 429) {
            return Throttling.deferred(response.getHeader("Retry-After"), "Twilio answered 429 (too many requests)");
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
        return failed(status >= 500 ? ContactStatus.CARRIER_ERROR : ContactStatus.FAILED, errorCode, "Twilio: " + message);
    }

    private static DialResult failed(ContactStatus outcome, String errorCode, String reason) {
        return new DialResult.AttemptFailed(new AttemptResult(outcome, Option.of(errorCode), Option.of(reason), Option.none(), Option.none()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
