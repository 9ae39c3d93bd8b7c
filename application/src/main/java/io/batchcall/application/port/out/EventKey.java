package io.batchcall.application.port.out;

/** Identifies one call event for idempotency: the same key twice has one effect. */
public record EventKey(long seq, int attempt, String type) {
}
