package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;


/** Create a campaign from a contact list, streamed row by row. */
public interface CreateBatchJob {

    int MAX_REPORTED_SKIPS = 1000;

    Either<BatchJobError, CreatedJob> create(CreateJob job, ContactRows rows);

    /** Validates everything a create would and reports what it would store (CONTRACT §12); stores nothing. */
    Either<BatchJobError, DryRunReport> dryRun(CreateJob job, ContactRows rows);

    /**
     * A create under an idempotency key: the answer of the first request with that key (kept), or that answer again
     * for the same request ({@code replayed}); 409 {@code idempotency_key_reused} for another request with the key,
     * {@code idempotency_key_in_use} while the first is still being answered. A refused create frees the key.
     */
    Either<BatchJobError, IdempotentCreate.Answer> create(IdempotentCreate request, ContactRows rows);
}
