package io.batchcall.domain.job;

import io.vavr.collection.List;
import io.vavr.control.Option;

/** The seven job statuses, as they appear on the wire. */
public enum JobStatus {
    PENDING("pending"),
    SCHEDULED("scheduled"),
    RUNNING("running"),
    PAUSED("paused"),
    COMPLETED("completed"),
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String wire;

    JobStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** completed, failed and cancelled never change again. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public static Option<JobStatus> fromWire(String value) {
        return List.of(values()).find(s -> s.wire.equals(value));
    }

    @Override
    public String toString() {
        return wire;
    }
}
