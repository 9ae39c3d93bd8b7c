package io.batchcall.application.port.in;

import io.batchcall.application.webhook.WebhookEventType;
import io.batchcall.domain.contact.Texts;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.error.BatchJobError.InvalidInput;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A new webhook endpoint (CONTRACT §13), checked: an absolute http(s) URL without credentials or fragment, of at
 * most {@link ManageWebhooks#MAX_URL_LENGTH} characters ({@code invalid_webhook_url}), and the events it wants —
 * known names, at least one; none given: every event ({@code invalid_webhook_events}).
 */
public record WebhookRequest(String organizationId, String url, Set<WebhookEventType> events) {

    public WebhookRequest {
        events = Set.copyOf(events);
    }

    public static Either<BatchJobError, WebhookRequest> of(String organizationId, String url, Option<java.util.List<String>> events) {
        return checkUrl(url).flatMap(u -> events.map(WebhookRequest::checkEvents)
                .getOrElse(() -> Either.right(EnumSet.allOf(WebhookEventType.class)))
                .map(types -> new WebhookRequest(organizationId, u, types)));
    }

    static Either<BatchJobError, String> checkUrl(String url) {
        InvalidInput invalid = new InvalidInput("invalid_webhook_url",
                "url must be an absolute http or https URL of at most " + ManageWebhooks.MAX_URL_LENGTH + " characters");
        if (url == null || url.isBlank() || url.length() > ManageWebhooks.MAX_URL_LENGTH) {
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

    static Either<BatchJobError, Set<WebhookEventType>> checkEvents(java.util.List<String> events) {
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

}
