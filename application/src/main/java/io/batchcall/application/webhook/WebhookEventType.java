package io.batchcall.application.webhook;

import io.vavr.control.Option;

import java.util.Arrays;

/** The events an endpoint can subscribe to (CONTRACT §13), with their wire names. */
public enum WebhookEventType {
    JOB_STARTED("job.started"),
    JOB_PAUSED("job.paused"),
    JOB_RESUMED("job.resumed"),
    JOB_COMPLETED("job.completed"),
    JOB_CANCELLED("job.cancelled"),
    JOB_FAILED("job.failed"),
    CONTACT_ATTEMPT_ENDED("contact.attempt_ended"),
    CONTACT_FINISHED("contact.finished");

    private final String wire;

    WebhookEventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Option<WebhookEventType> fromWire(String value) {
        return Option.ofOptional(Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst());
    }

    @Override
    public String toString() {
        return wire;
    }
}
