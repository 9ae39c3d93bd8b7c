package io.batchcall.adapter.telephony;

import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.port.out.DialResult;
import io.batchcall.application.port.out.Dialer;
import io.batchcall.domain.contact.AttemptResult;
import io.batchcall.domain.contact.ContactStatus;
import io.vavr.control.Option;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Places an attempt by POSTing the dial request of CONTRACT §8 to a configured URL. Any 2xx means
 * accepted (the outcome comes back through POST /batch/call-events); a non-2xx answer, a refused
 * connection or a timeout is the attempt's outcome: carrier_error (retried only if listed).
 */
public final class WebhookDialer implements Dialer {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final WebClient client;
    private final String url;
    private final long responseTimeoutMillis;

    public WebhookDialer(Vertx vertx, String url, Duration connectTimeout, Duration responseTimeout) {
        // 64 connections, as the LiveKit dialer: with Vert.x's default of 5, dials paced at hundreds a second queued behind
        // a slow answer and left in a burst (a receiver saw 510 in one second at 500/s)
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) connectTimeout.toMillis()),
                new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
        this.url = url;
        this.responseTimeoutMillis = responseTimeout.toMillis();
    }

    @Override
    public CompletionStage<DialResult> dial(DialRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batchJobId", r.batchJobId());
        body.put("contactId", r.contactId());
        body.put("attempt", r.attempt());
        body.put("phoneNumber", r.phoneNumber());
        body.put("fromPhoneNumberId", r.fromPhoneNumberId());
        body.put("agentId", r.agentId());
        body.put("contactData", r.contactData());
        body.put("roomName", r.roomName());
        if (r.voicemailMessage() != null) {
            body.put("voicemailMessage", r.voicemailMessage()); // CONTRACT §15: the message to leave when a machine answers
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            return CompletableFuture.completedFuture(failed(null, "dial request not serializable: " + e.getMessage()));
        }
        CompletableFuture<DialResult> result = new CompletableFuture<>();
        client.postAbs(url).timeout(responseTimeoutMillis).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(bytes))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        result.complete(failed(null, "dial webhook unreachable: " + ar.cause().getClass().getSimpleName()
                                + (ar.cause().getMessage() == null ? "" : " " + ar.cause().getMessage())));
                    } else if (ar.result().statusCode() / 100 == 2) {
                        result.complete(DialResult.accepted());
                    } else if (ar.result().statusCode() == 429) {
                        result.complete(Throttling.deferred(ar.result().getHeader("Retry-After"), "dial webhook answered HTTP 429"));
                    } else {
                        int status = ar.result().statusCode();
                        result.complete(fatal(ar.result().bodyAsString())
                                .getOrElse(() -> failed(status, "dial webhook answered HTTP " + status)));
                    }
                });
        return result;
    }

    /** A refusal whose JSON body says {"fatal": true, "reason": "..."} fails the whole job. */
    private static Option<DialResult> fatal(String body) {
        if (body == null || body.isBlank()) {
            return Option.none();
        }
        try {
            var node = JSON.readTree(body);
            if (node != null && node.path("fatal").asBoolean(false)) {
                return Option.of(new DialResult.JobFatal(node.path("reason").asText("rejected by the telephony side")));
            }
        } catch (Exception notJson) {
            // an ordinary refusal
        }
        return Option.none();
    }

    private static DialResult failed(Integer httpStatus, String reason) {
        return new DialResult.AttemptFailed(new AttemptResult(ContactStatus.CARRIER_ERROR,
                Option.of(httpStatus).map(s -> "http_" + s), Option.of(reason), Option.none(), Option.none()));
    }
}
