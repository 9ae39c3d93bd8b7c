package io.batchcall.application.port.out;

import io.batchcall.application.webhook.Delivery;
import io.batchcall.application.webhook.DueStream;
import io.batchcall.application.webhook.Settlement;
import io.batchcall.application.webhook.WebhookEndpoint;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;

/**
 * Outbound webhooks as stored: endpoints, and the outbox of events with one delivery per event and
 * subscribed endpoint. The {@link BatchJobs} store of the same database records the events in the
 * transaction of the change they report; this port reads and settles them. Delivery order: per job
 * and endpoint (a "stream"), oldest first.
 */
public interface Webhooks {

    void addEndpoint(WebhookEndpoint endpoint);

    /** The organization's endpoints, oldest first. */
    List<WebhookEndpoint> endpoints(String organizationId);

    Option<WebhookEndpoint> endpoint(String organizationId, String endpointId);

    /** Removes the endpoint with its deliveries (sent or not); false when there was none. */
    boolean removeEndpoint(String organizationId, String endpointId);

    /** The endpoint's deliveries, newest first, those with an id below {@code beforeId} when given. */
    List<Delivery> deliveries(String endpointId, Option<Long> beforeId, int limit);

    Option<Delivery> delivery(String endpointId, long deliveryId);

    /**
     * Makes the delivery pending again with a fresh count of tries, due at {@code now}; its stream is
     * due at once. Returns it as changed; none when there is no such delivery.
     */
    Option<Delivery> replay(String endpointId, long deliveryId, Instant now);

    /**
     * Claims up to {@code streams} due streams (their next try has come, no live lease), leases them
     * until {@code leaseUntil}, and returns up to {@code perStream} of each one's pending deliveries,
     * oldest first. Several deliverers (instances) may call this at once: a stream goes to one of them.
     */
    List<DueStream> claim(Instant now, Instant leaseUntil, int streams, int perStream);

    /** Records what happened to a claimed stream's deliveries and releases its lease. */
    void settle(Settlement settlement);
}
