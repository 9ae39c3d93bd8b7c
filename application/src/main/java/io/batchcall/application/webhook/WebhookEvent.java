package io.batchcall.application.webhook;

import java.time.Instant;
import java.util.Map;

/**
 * One event as its receivers get it: {@code {"id","type","createdAt","organizationId","data"}}.
 * {@code data} holds strings, numbers, booleans, nulls, lists and maps only (JSON values).
 */
public record WebhookEvent(String id, WebhookEventType type, String organizationId, String jobId, Instant createdAt,
                           Map<String, Object> data) {
}
