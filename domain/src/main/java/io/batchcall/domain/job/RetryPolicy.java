package io.batchcall.domain.job;

import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;

/**
 * How often and when a contact is dialed again. {@code maxAttempts} counts all attempts,
 * the first included (1 means "never retry").
 */
public record RetryPolicy(int maxAttempts, Set<ContactStatus> retryableStatuses, long retryDelaySeconds) {

    public static final int MIN_ATTEMPTS = 1;
    public static final int MAX_ATTEMPTS = 10;
    public static final long MAX_RETRY_DELAY_SECONDS = 30L * 24 * 3600;

    public static final RetryPolicy DEFAULT = new RetryPolicy(3,
            LinkedHashSet.of(ContactStatus.NO_ANSWER, ContactStatus.BUSY, ContactStatus.TIMEOUT), 300);

    public RetryPolicy {
        validate(maxAttempts, retryableStatuses, retryDelaySeconds).getOrElseThrow(e -> new IllegalArgumentException(e.message()));
    }

    /** Validates raw values; the error codes are those documented for POST /batch/create. */
    public static Either<BatchJobError, RetryPolicy> of(int maxAttempts, Iterable<ContactStatus> retryable, long retryDelaySeconds) {
        Set<ContactStatus> set = LinkedHashSet.ofAll(retryable);
        return validate(maxAttempts, set, retryDelaySeconds).map(ok -> new RetryPolicy(maxAttempts, set, retryDelaySeconds));
    }

    private static Either<BatchJobError, Boolean> validate(int maxAttempts, Set<ContactStatus> retryable, long delay) {
        if (maxAttempts < MIN_ATTEMPTS || maxAttempts > MAX_ATTEMPTS) {
            return Either.left(new BatchJobError.InvalidInput("invalid_max_attempts",
                    "maxAttempts must be between " + MIN_ATTEMPTS + " and " + MAX_ATTEMPTS));
        }
        if (retryable == null || retryable.exists(s -> !s.isFailure())) {
            return Either.left(new BatchJobError.InvalidInput("invalid_retryable_statuses",
                    "retryableStatuses may only contain failure outcomes: "
                            + List.of(ContactStatus.values()).filter(ContactStatus::isFailure).mkString(", ")));
        }
        if (delay < 0 || delay > MAX_RETRY_DELAY_SECONDS) {
            return Either.left(new BatchJobError.InvalidInput("invalid_retry_delay",
                    "retryDelaySeconds must be between 0 and " + MAX_RETRY_DELAY_SECONDS));
        }
        return Either.right(true);
    }

    public boolean isRetryable(ContactStatus outcome) {
        return retryableStatuses.contains(outcome);
    }
}
