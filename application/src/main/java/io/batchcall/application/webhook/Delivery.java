package io.batchcall.application.webhook;

import io.vavr.control.Option;

import java.time.Instant;

/** One event's delivery to one endpoint, as the delivery log shows it. */
public record Delivery(long id, String endpointId, String eventId, WebhookEventType type, String jobId, DeliveryStatus status,
                       int attempts, Option<Integer> lastResponseCode, Option<String> lastError, Option<Instant> nextAttemptAt,
                       Instant createdAt, Option<Instant> deliveredAt) {

    /** What delivery ids start with on the wire. */
    public static final String WIRE_PREFIX = "dlv_";

    /** The wire form of a delivery id ({@code dlv_42}). */
    public static String wireId(long id) {
        return WIRE_PREFIX + id;
    }

    /** The id of a wire form ({@code dlv_42}); none for anything else. */
    public static Option<Long> parseWireId(String value) {
        if (value == null || !value.startsWith(WIRE_PREFIX) || value.length() > 24) {
            return Option.none();
        }
        try {
            long id = Long.parseLong(value.substring(WIRE_PREFIX.length()));
            return id > 0 ? Option.of(id) : Option.none();
        } catch (NumberFormatException e) {
            return Option.none();
        }
    }

    /** This delivery's id on the wire. */
    public String wireId() {
        return wireId(id);
    }
}
