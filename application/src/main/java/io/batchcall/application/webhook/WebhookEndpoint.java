package io.batchcall.application.webhook;

import java.time.Instant;
import java.util.Set;

/** Where an organization wants its events sent, which ones, and the secret they are signed with. */
public record WebhookEndpoint(String id, String organizationId, String url, Set<WebhookEventType> events, String secret,
                              Instant createdAt) {

    public WebhookEndpoint {
        events = Set.copyOf(events);
    }

    public boolean wants(WebhookEventType type) {
        return events.contains(type);
    }
}
