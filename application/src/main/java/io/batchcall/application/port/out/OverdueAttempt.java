package io.batchcall.application.port.out;

import io.vavr.control.Option;

/**
 * A dialing contact whose attempt began before the deadline cut-off.
 *
 * @param roomName the attempt's room: the provider's name for the call where the dialer gave one
 */
public record OverdueAttempt(String jobId, long seq, int attempt, Option<String> roomName) {

    public OverdueAttempt(String jobId, long seq, int attempt) {
        this(jobId, seq, attempt, Option.none());
    }
}
