package io.batchcall.application.webhook;

import io.vavr.control.Option;

import java.time.Instant;

/** One event's delivery to one endpoint, as the delivery log shows it. */
public record Delivery(long id, String endpointId, String eventId, WebhookEventType type, String jobId, DeliveryStatus status,
                       int attempts, Option<Integer> lastResponseCode, Option<String> lastError, Option<Instant> nextAttemptAt,
                       Instant createdAt, Option<Instant> deliveredAt) {
}
