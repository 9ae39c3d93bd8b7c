package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

import java.util.function.Function;

/**
 * A create made safe to retry (CONTRACT §12): the first request with {@code key} from an organization is
 * answered and its answer kept; the same request again within 24 h gets that answer again; a different one,
 * 409 {@code idempotency_key_reused}. {@code requestHash} says what "the same request" is (the adapter hashes
 * what it received); {@code answer} writes the answer to keep (the adapter's format: the use case only stores it).
 */
public record IdempotentCreate(CreateJob job, String key, String requestHash, Function<CreatedJob, String> answer) {

    /** Longest key accepted. */
    public static final int MAX_KEY_LENGTH = 255;

    /** A key as sent: 1 to 255 characters, none of them NUL. */
    public static Either<BatchJobError, String> key(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || key.indexOf('\0') >= 0) {
            return Either.left(new BatchJobError.InvalidInput("invalid_idempotency_key", "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
                    + " characters"));
        }
        return Either.right(key);
    }

    /** What an idempotent create answered: the kept answer, and whether it was kept from an earlier request. */
    public record Answer(String answer, boolean replayed) {
    }
}
