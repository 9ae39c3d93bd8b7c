package io.batchcall.domain.contact;

import io.vavr.collection.List;
import io.vavr.control.Option;

/** The twelve contact statuses, as they appear on the wire. */
public enum ContactStatus {
    PENDING("pending"),
    QUEUED("queued"),
    DIALING("dialing"),
    COMPLETED("completed"),
    NO_ANSWER("no_answer"),
    BUSY("busy"),
    TIMEOUT("timeout"),
    BLOCKED("blocked"),
    INVALID_NUMBER("invalid_number"),
    CARRIER_ERROR("carrier_error"),
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String wire;

    ContactStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** pending, queued and dialing are open: the contact may still be dialed or is being dialed. */
    public boolean isOpen() {
        return this == PENDING || this == QUEUED || this == DIALING;
    }

    public boolean isTerminal() {
        return !isOpen();
    }

    /** Terminal, not successful and not cancelled: counts in {@code failedCalls}. */
    public boolean isFailure() {
        return isTerminal() && this != COMPLETED && this != CANCELLED;
    }

    /** One of the eight statuses an attempt can end with. */
    public boolean isOutcome() {
        return this == COMPLETED || isFailure();
    }

    public static List<ContactStatus> outcomes() {
        return List.of(values()).filter(ContactStatus::isOutcome);
    }

    public static Option<ContactStatus> fromWire(String value) {
        ContactStatus s = value == null ? null : BY_WIRE.get(value);
        return s == null ? Option.none() : Option.some(s);
    }

    private static final java.util.Map<String, ContactStatus> BY_WIRE = java.util.Arrays.stream(values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(ContactStatus::wire, s -> s));

    @Override
    public String toString() {
        return wire;
    }
}
