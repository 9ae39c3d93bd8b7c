package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

/** Cancel a job: pending and queued contacts are cancelled; calls in flight finish and are not retried. */
public interface CancelBatchJob {
    Either<BatchJobError, JobActionResult> cancel(String organizationId, String batchJobId);
}
