package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

/** Resume a paused job. */
public interface ResumeBatchJob {
    Either<BatchJobError, JobActionResult> resume(String organizationId, String batchJobId);
}
