package io.batchcall.application.webhook;

import java.util.List;

/**
 * The waiting deliveries of one job to one endpoint, oldest first, claimed by one deliverer until
 * its lease ends: they are sent one after another, in this order.
 */
public record DueStream(WebhookEndpoint endpoint, String jobId, List<Outgoing> deliveries) {

    /** One delivery to send: its id, the event, and how many tries it has had. */
    public record Outgoing(long deliveryId, WebhookEvent event, int attempts) {
    }
}
