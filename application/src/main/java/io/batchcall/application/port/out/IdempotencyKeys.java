package io.batchcall.application.port.out;

import java.time.Duration;
import java.time.Instant;

/**
 * Idempotency keys of creates (CONTRACT §12): the first request with a key from an organization is
 * answered, and its answer kept; the same key with the same request within the time-to-live gets that
 * answer again; with a different request, a conflict.
 */
public interface IdempotencyKeys {

    /** How long a key is remembered. */
    Duration TTL = Duration.ofHours(24);

    /** What the key says about a request. */
    sealed interface Claim {
        /** First use: the caller runs the request, then {@link #complete} or {@link #release}. */
        record Fresh() implements Claim { }

        /** The same request was answered before: answer it again. */
        record Replay(String response) implements Claim { }

        /** The key was used for a different request. */
        record Mismatch() implements Claim { }

        /** The same request is being answered right now (a concurrent retry). */
        record InProgress() implements Claim { }
    }

    Claim claim(String organizationId, String key, String requestHash, Instant now);

    /** Keeps the answer of a request claimed {@link Claim.Fresh}. */
    void complete(String organizationId, String key, String response);

    /** Forgets a claim whose request failed, so the key can be used again. */
    void release(String organizationId, String key);
}
