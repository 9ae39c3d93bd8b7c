package io.batchcall.application.webhook;

import java.util.Map;

/** An event derived from a change, before the store gives it an id and a time. */
public record PendingEvent(WebhookEventType type, String organizationId, String jobId, Map<String, Object> data) {
}
