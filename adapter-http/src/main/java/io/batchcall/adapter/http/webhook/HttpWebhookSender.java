package io.batchcall.adapter.http.webhook;

import io.batchcall.adapter.http.edge.RequestFields;
import io.batchcall.application.port.out.WebhookSender;
import io.batchcall.application.webhook.WebhookEndpoint;
import io.batchcall.application.webhook.WebhookEvent;
import io.batchcall.application.webhook.WebhookSignature;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * POSTs an event to an endpoint: body {@code {"id","type","createdAt","organizationId","data"}}, headers
 * {@code Batchcall-Signature: t=…,v1=…} (signed at sending time), {@code Batchcall-Event-Id} and
 * {@code Batchcall-Event-Type}. The answer's body is discarded as it streams in (a receiver answering
 * with a huge body costs no memory).
 */
public final class HttpWebhookSender implements WebhookSender {

    private final WebClient client;
    private final long responseTimeoutMillis;

    public HttpWebhookSender(Vertx vertx, Duration connectTimeout, Duration responseTimeout) {
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) connectTimeout.toMillis())
                .setKeepAlive(true).setUserAgent("batchcall-webhooks"), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
        this.responseTimeoutMillis = responseTimeout.toMillis();
    }

    /** The exact bytes sent for an event (and signed). */
    private static byte[] body(WebhookEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("type", event.type().wire());
        body.put("createdAt", event.createdAt().toString());
        body.put("organizationId", event.organizationId());
        body.put("data", event.data());
        try {
            return RequestFields.JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException("an event's data is JSON values only", e);
        }
    }

    @Override
    public CompletionStage<Integer> send(WebhookEndpoint endpoint, WebhookEvent event, Instant now) {
        byte[] bytes = body(event);
        CompletableFuture<Integer> result = new CompletableFuture<>();
        client.postAbs(endpoint.url()).timeout(responseTimeoutMillis)
                .as(io.vertx.ext.web.codec.BodyCodec.none()) // the answer's body is discarded as it arrives, never held
                .putHeader("Content-Type", "application/json")
                .putHeader(WebhookSignature.HEADER, WebhookSignature.header(endpoint.secret(), now.getEpochSecond(), bytes))
                .putHeader("Batchcall-Event-Id", event.id())
                .putHeader("Batchcall-Event-Type", event.type().wire())
                .sendBuffer(Buffer.buffer(bytes))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        result.complete(ar.result().statusCode());
                    } else {
                        result.completeExceptionally(ar.cause());
                    }
                });
        return result;
    }
}
