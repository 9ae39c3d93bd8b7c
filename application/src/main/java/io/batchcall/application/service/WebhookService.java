package io.batchcall.application.service;

import io.batchcall.application.port.in.DeliveryQuery;
import io.batchcall.application.port.in.ManageWebhooks;
import io.batchcall.application.port.in.WebhookRequest;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.application.port.out.Webhooks;
import io.batchcall.application.webhook.Delivery;
import io.batchcall.application.webhook.WebhookEndpoint;
import io.batchcall.domain.contact.Texts;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.error.BatchJobError.InvalidInput;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Endpoints (with their secrets), the delivery log and replay; another organization's endpoint is not found. */
public final class WebhookService implements ManageWebhooks {


    private final Webhooks webhooks;
    private final TimeSource time;
    private final SecureRandom random = new SecureRandom();

    public WebhookService(Webhooks webhooks, TimeSource time) {
        this.webhooks = webhooks;
        this.time = time;
    }

    @Override
    public Either<BatchJobError, WebhookEndpoint> create(WebhookRequest request) {
        String organizationId = request.organizationId();
        if (webhooks.endpoints(organizationId).size() >= MAX_ENDPOINTS) {
            return Either.left(new InvalidInput("too_many_webhooks", "An organization has at most " + MAX_ENDPOINTS + " webhook endpoints"));
        }
        WebhookEndpoint endpoint = new WebhookEndpoint("wh_" + hex(12), organizationId, request.url(), request.events(),
                "whsec_" + hex(32), time.now());
        webhooks.addEndpoint(endpoint);
        return Either.right(endpoint);
    }

    @Override
    public List<WebhookEndpoint> list(String organizationId) {
        return webhooks.endpoints(organizationId);
    }

    @Override
    public Either<BatchJobError, String> remove(String organizationId, String endpointId) {
        return webhooks.removeEndpoint(organizationId, endpointId) ? Either.right(endpointId) : Either.left(notFound(endpointId));
    }

    @Override
    public Either<BatchJobError, DeliveryPage> deliveries(String organizationId, String endpointId, DeliveryQuery query) {
        if (webhooks.endpoint(organizationId, endpointId).isEmpty()) {
            return Either.left(notFound(endpointId));
        }
        Option<Long> beforeId = query.before();
        int size = query.limit();
        List<Delivery> page = webhooks.deliveries(endpointId, beforeId, size + 1);
        Option<Long> next = page.size() > size ? Option.of(page.get(size - 1).id()) : Option.none();
        return Either.right(new DeliveryPage(page.take(size), next));
    }

    @Override
    public Either<BatchJobError, Delivery> replay(String organizationId, String endpointId, String deliveryId) {
        if (webhooks.endpoint(organizationId, endpointId).isEmpty()) {
            return Either.left(notFound(endpointId));
        }
        return Delivery.parseWireId(deliveryId).flatMap(id -> webhooks.replay(endpointId, id, time.now()))
                .toEither(() -> new BatchJobError.NotFound("delivery_not_found", "Delivery " + deliveryId + " not found"));
    }

    private static BatchJobError notFound(String endpointId) {
        return new BatchJobError.NotFound("webhook_not_found", "Webhook endpoint '" + Texts.truncate(endpointId, 64) + "' not found");
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
