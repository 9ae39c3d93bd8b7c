package io.batchcall.adapter.http.dto;

import java.util.List;

/** The bodies of the outbound-webhook endpoints (CONTRACT §13). */
public final class WebhookDtos {

    private WebhookDtos() {
    }

    /** 201 of POST /batch/webhooks: the secret is shown here only. */
    public record Created(String id, String url, List<String> events, String secret, String createdAt) {
    }

    /** One endpoint as listed (no secret). */
    public record Endpoint(String id, String url, List<String> events, String createdAt) {
    }

    /** 200 of GET /batch/webhooks. */
    public record Endpoints(List<Endpoint> webhooks) {
    }

    /** 200 of DELETE /batch/webhooks/{id}. */
    public record Removed(boolean success, String id) {
    }

    /** One delivery of the log. */
    public record Delivery(String id, String eventId, String type, String batchJobId, String status, int attempts,
                           Integer lastResponseCode, String lastError, String nextAttemptAt, String createdAt, String deliveredAt) {
    }

    /** 200 of GET /batch/webhooks/{id}/deliveries, newest first; {@code nextBefore} gives the next page. */
    public record Deliveries(List<Delivery> deliveries, String nextBefore) {
    }
}
