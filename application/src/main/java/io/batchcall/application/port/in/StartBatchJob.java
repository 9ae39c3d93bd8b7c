package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

/** Start a scheduled or pending job now. */
public interface StartBatchJob {
    Either<BatchJobError, JobActionResult> start(String organizationId, String batchJobId);
}
