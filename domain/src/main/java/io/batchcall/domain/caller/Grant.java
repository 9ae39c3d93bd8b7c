package io.batchcall.domain.caller;

import io.vavr.control.Option;

import java.time.Instant;

/**
 * What pacing allows one dial: the caller id it is made from (none only where a caller gives no pool) and
 * when it may be sent (now, or a moment later within the dispatcher's pass, so dials keep their spacing).
 */
public record Grant(Option<String> callerId, Instant sendAt) {
}
