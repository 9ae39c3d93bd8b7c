package io.batchcall.domain.contact;

import io.vavr.collection.List;
import io.vavr.control.Option;

/** Who answered an attempt, as the agent or the carrier's detection reported it (CONTRACT §15). */
public enum AnsweredBy {
    HUMAN("human"),
    MACHINE("machine"),
    UNKNOWN("unknown");

    private final String wire;

    AnsweredBy(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Option<AnsweredBy> fromWire(String value) {
        return List.of(values()).find(a -> a.wire.equals(value));
    }
}
