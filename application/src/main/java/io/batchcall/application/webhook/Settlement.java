package io.batchcall.application.webhook;

import io.vavr.control.Option;

import java.time.Instant;
import java.util.List;

/**
 * What a deliverer reports for a claimed stream: the deliveries that got a 2xx, then at most one that
 * failed (sending stops there, to keep the order), and the lease is released.
 *
 * @param delivered ids answered with 2xx, with the code each got
 * @param failure   the first delivery that failed, if any
 */
public record Settlement(String endpointId, String jobId, List<Delivered> delivered, Option<Failure> failure, Instant now) {

    public record Delivered(long deliveryId, int responseCode) {
    }

    /**
     * A failed try: the answer's code (none when there was no answer), what went wrong, and when to try
     * again (none: the tries are used up, the delivery is {@link DeliveryStatus#FAILED} and the stream
     * goes on with the next one).
     */
    public record Failure(long deliveryId, Option<Integer> responseCode, String error, Option<Instant> retryAt) {
    }
}
