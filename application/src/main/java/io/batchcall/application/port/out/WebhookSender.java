package io.batchcall.application.port.out;

import io.batchcall.application.webhook.WebhookEndpoint;
import io.batchcall.application.webhook.WebhookEvent;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/** Sends one signed event to one endpoint: the HTTP status code of the answer, or fails when there was none. */
@FunctionalInterface
public interface WebhookSender {

    CompletionStage<Integer> send(WebhookEndpoint endpoint, WebhookEvent event, Instant now);
}
