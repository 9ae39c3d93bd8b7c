package io.batchcall.application.port.in;

import io.batchcall.domain.job.BatchJob;

import java.util.List;

/**
 * A created job. {@code skippedRows} lists at most {@link CreateBatchJob#MAX_REPORTED_SKIPS} rows;
 * {@code skippedCount} counts them all. {@code estimatedDurationSeconds} assumes every contact takes
 * one call of the engine's assumed length, {@code concurrentCallLimit} at a time.
 */
public record CreatedJob(BatchJob job, long totalContacts, long skippedCount, List<SkippedRow> skippedRows,
                         long estimatedDurationSeconds) {
}
