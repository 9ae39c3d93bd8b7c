package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

/** Pause a running job: no new dials; calls in flight finish. */
public interface PauseBatchJob {
    Either<BatchJobError, JobActionResult> pause(String organizationId, String batchJobId);
}
