package io.batchcall.application.service;

import io.batchcall.application.port.in.ManageWebhooks;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.application.port.out.Webhooks;
import io.batchcall.application.webhook.Delivery;
import io.batchcall.application.webhook.WebhookEndpoint;
import io.batchcall.application.webhook.WebhookEventType;
import io.batchcall.domain.contact.Texts;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.error.BatchJobError.InvalidInput;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/** Endpoints (with their secrets), the delivery log and replay; another organization's endpoint is not found. */
public final class WebhookService implements ManageWebhooks {

    private static final String DELIVERY_PREFIX = Delivery.WIRE_PREFIX;
    private static final int DEFAULT_DELIVERY_PAGE = 100;

    private final Webhooks webhooks;
    private final TimeSource time;
    private final SecureRandom random = new SecureRandom();

    public WebhookService(Webhooks webhooks, TimeSource time) {
        this.webhooks = webhooks;
        this.time = time;
    }

    @Override
    public Either<BatchJobError, WebhookEndpoint> create(String organizationId, String url, Option<java.util.List<String>> events) {
        Either<BatchJobError, String> checkedUrl = checkUrl(url);
        if (checkedUrl.isLeft()) {
            return Either.left(checkedUrl.getLeft());
        }
        Either<BatchJobError, Set<WebhookEventType>> types = events.map(WebhookService::checkEvents)
                .getOrElse(() -> Either.right(EnumSet.allOf(WebhookEventType.class)));
        if (types.isLeft()) {
            return Either.left(types.getLeft());
        }
        if (webhooks.endpoints(organizationId).size() >= MAX_ENDPOINTS) {
            return Either.left(new InvalidInput("too_many_webhooks", "An organization has at most " + MAX_ENDPOINTS + " webhook endpoints"));
        }
        WebhookEndpoint endpoint = new WebhookEndpoint("wh_" + hex(12), organizationId, checkedUrl.get(), types.get(),
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
    public Either<BatchJobError, DeliveryPage> deliveries(String organizationId, String endpointId, Option<String> before, Option<String> limit) {
        if (webhooks.endpoint(organizationId, endpointId).isEmpty()) {
            return Either.left(notFound(endpointId));
        }
        Option<Long> beforeId = Option.none();
        if (before.isDefined()) {
            Option<Long> parsed = parseDeliveryId(before.get());
            if (parsed.isEmpty()) {
                return Either.left(new InvalidInput("invalid_query", "before must be a delivery id like dlv_123"));
            }
            beforeId = parsed;
        }
        int size = DEFAULT_DELIVERY_PAGE;
        if (limit.isDefined()) {
            try {
                size = Integer.parseInt(limit.get());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_DELIVERY_PAGE) {
                return Either.left(new InvalidInput("invalid_query", "limit must be a whole number from 1 to " + MAX_DELIVERY_PAGE));
            }
        }
        List<Delivery> page = webhooks.deliveries(endpointId, beforeId, size + 1);
        Option<Long> next = page.size() > size ? Option.of(page.get(size - 1).id()) : Option.none();
        return Either.right(new DeliveryPage(page.take(size), next));
    }

    @Override
    public Either<BatchJobError, Delivery> replay(String organizationId, String endpointId, String deliveryId) {
        if (webhooks.endpoint(organizationId, endpointId).isEmpty()) {
            return Either.left(notFound(endpointId));
        }
        return parseDeliveryId(deliveryId).flatMap(id -> webhooks.replay(endpointId, id, time.now()))
                .toEither(() -> new BatchJobError.NotFound("delivery_not_found", "Delivery " + deliveryId + " not found"));
    }

    private static Option<Long> parseDeliveryId(String value) {
        if (value == null || !value.startsWith(DELIVERY_PREFIX) || value.length() > 24) {
            return Option.none();
        }
        try {
            long id = Long.parseLong(value.substring(DELIVERY_PREFIX.length()));
            return id > 0 ? Option.of(id) : Option.none();
        } catch (NumberFormatException e) {
            return Option.none();
        }
    }

    private static Either<BatchJobError, String> checkUrl(String url) {
        InvalidInput invalid = new InvalidInput("invalid_webhook_url",
                "url must be an absolute http or https URL of at most " + MAX_URL_LENGTH + " characters");
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            return Either.left(invalid);
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawFragment() != null) {
                return Either.left(invalid);
            }
            return Either.right(url);
        } catch (URISyntaxException e) {
            return Either.left(invalid);
        }
    }

    private static Either<BatchJobError, Set<WebhookEventType>> checkEvents(java.util.List<String> events) {
        Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
        for (String e : events) {
            Option<WebhookEventType> type = WebhookEventType.fromWire(e);
            if (type.isEmpty()) {
                return Either.left(new InvalidInput("invalid_webhook_events", "unknown event '" + Texts.truncate(e, 64) + "'; known: "
                        + List.of(WebhookEventType.values()).mkString(", ")));
            }
            types.add(type.get());
        }
        if (types.isEmpty()) {
            return Either.left(new InvalidInput("invalid_webhook_events", "events must name at least one event"));
        }
        return Either.right(types);
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
