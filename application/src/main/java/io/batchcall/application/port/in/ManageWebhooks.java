package io.batchcall.application.port.in;

import io.batchcall.application.webhook.Delivery;
import io.batchcall.application.webhook.WebhookEndpoint;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** An organization's outbound webhooks (CONTRACT §13): endpoints, their delivery log, replay. */
public interface ManageWebhooks {

    /** Longest endpoint URL accepted. */
    int MAX_URL_LENGTH = 2048;
    /** Endpoints an organization may have. */
    int MAX_ENDPOINTS = 20;
    /** Largest page of the delivery log. */
    int MAX_DELIVERY_PAGE = 500;

    /** One page of an endpoint's deliveries, newest first; {@code nextBefore} asks for the page after it. */
    record DeliveryPage(List<Delivery> deliveries, Option<Long> nextBefore) {
    }

    /**
     * A new endpoint for {@code url} (absolute http or https) and {@code events} (wire names; none
     * given: every event). The result carries its secret; it is not shown again.
     */
    Either<BatchJobError, WebhookEndpoint> create(WebhookRequest request);

    List<WebhookEndpoint> list(String organizationId);

    /** Removes the endpoint and drops its waiting deliveries; returns its id. */
    Either<BatchJobError, String> remove(String organizationId, String endpointId);

    Either<BatchJobError, DeliveryPage> deliveries(String organizationId, String endpointId, DeliveryQuery query);

    /** Sends the delivery again as soon as possible (same event, same id), whatever became of it. */
    Either<BatchJobError, Delivery> replay(String organizationId, String endpointId, String deliveryId);
}
