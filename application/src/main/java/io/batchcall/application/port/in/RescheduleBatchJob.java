package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

/** Move a scheduled or pending job's start; {@code scheduledStartTime} without offset is read in {@code timezone}. */
public interface RescheduleBatchJob {
    Either<BatchJobError, JobActionResult> reschedule(String organizationId, String batchJobId,
                                                      String scheduledStartTime, String timezone);
}
