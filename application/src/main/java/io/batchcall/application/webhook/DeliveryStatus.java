package io.batchcall.application.webhook;

/** Where one event's delivery to one endpoint stands. */
public enum DeliveryStatus {
    /** Not delivered yet; will be tried (again) at its next attempt time. */
    PENDING,
    /** A 2xx answer was received. */
    DELIVERED,
    /** Every try failed; only a replay sends it again. */
    FAILED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static DeliveryStatus fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
