package io.batchcall.application.port.out;

/** A dialing contact whose attempt began before the deadline cut-off. */
public record OverdueAttempt(String jobId, long seq, int attempt) {
}
