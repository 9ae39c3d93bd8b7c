package io.batchcall.application.service;

import io.batchcall.application.port.out.IdempotencyKeys;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.control.Either;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * A request made safe to retry under an Idempotency-Key (CONTRACT §12; creates, and adds to a job): the first request
 * with the key is answered and its answer kept; the same request again gets that answer ({@code true}: replayed); a
 * different one {@code idempotency_key_reused}; one while the first is being answered {@code idempotency_key_in_use}. A
 * request refused (or failing) releases the key.
 */
final class KeptAnswers {

    private KeptAnswers() {
    }

    static Either<BatchJobError, Tuple2<String, Boolean>> answer(IdempotencyKeys keys, String organizationId, String key, String requestHash,
                                                                 Instant now, Supplier<Either<BatchJobError, String>> work) {
        IdempotencyKeys.Claim claim = keys.claim(organizationId, key, requestHash, now);
        if (claim instanceof IdempotencyKeys.Claim.Replay replay) {
            return Either.right(Tuple.of(replay.response(), true));
        }
        if (claim instanceof IdempotencyKeys.Claim.Mismatch) {
            return Either.left(new BatchJobError.Conflict("idempotency_key_reused", "This Idempotency-Key was used for a different request"));
        }
        if (claim instanceof IdempotencyKeys.Claim.InProgress) {
            return Either.left(new BatchJobError.Conflict("idempotency_key_in_use",
                    "A request with this Idempotency-Key is being answered; retry shortly"));
        }
        boolean kept = false;
        try {
            Either<BatchJobError, String> answered = work.get();
            answered.forEach(body -> keys.complete(organizationId, key, body));
            kept = answered.isRight();
            return answered.map(body -> Tuple.of(body, false));
        } finally {
            if (!kept) {
                keys.release(organizationId, key);
            }
        }
    }
}
