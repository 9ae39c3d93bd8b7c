package io.batchcall.domain.caller;

import io.vavr.control.Option;

import java.time.Instant;

/**
 * What pacing allows one dial: the caller id it is made from (none only where a caller gives no pool) and
 * when it may be sent (now, or a moment later within the dispatcher's pass, so dials keep their spacing).
 */
public record Grant(Option<String> callerId, Instant sendAt, long spacingMicros, String lane) {

    /** A grant no rate binds: sent when it is due, at once. */
    public Grant(Option<String> callerId, Instant sendAt) {
        this(callerId, sendAt, 0, "");
    }

    /** Whether a rate binds it: then {@code spacingMicros} apart from the last dial of its {@code lane}. */
    public boolean paced() {
        return spacingMicros > 0;
    }
}
