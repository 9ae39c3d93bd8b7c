package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.error.BatchJobError.InvalidInput;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** A page of an endpoint's delivery log, checked: the deliveries before an id (none: the newest), at most {@code limit}. */
public record DeliveryQuery(Option<Long> before, int limit) {

    /** Deliveries in a page when the request names no limit. */
    public static final int DEFAULT_LIMIT = 100;

    /** The query values as sent: {@code before} a delivery id ({@code dlv_123}), {@code limit} 1–500 — else {@code invalid_query}. */
    public static Either<BatchJobError, DeliveryQuery> parse(Option<String> before, Option<String> limit) {
        Option<Long> beforeId = Option.none();
        if (before.isDefined()) {
            beforeId = io.batchcall.application.webhook.Delivery.parseWireId(before.get());
            if (beforeId.isEmpty()) {
                return Either.left(new InvalidInput("invalid_query", "before must be a delivery id like dlv_123"));
            }
        }
        int size = DEFAULT_LIMIT;
        if (limit.isDefined()) {
            try {
                size = Integer.parseInt(limit.get());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > ManageWebhooks.MAX_DELIVERY_PAGE) {
                return Either.left(new InvalidInput("invalid_query", "limit must be a whole number from 1 to " + ManageWebhooks.MAX_DELIVERY_PAGE));
            }
        }
        return Either.right(new DeliveryQuery(beforeId, size));
    }
}
