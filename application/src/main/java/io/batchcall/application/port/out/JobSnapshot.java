package io.batchcall.application.port.out;

import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.progress.StatusBreakdown;

/** A job and its exact per-status contact counts, read at one moment. */
public record JobSnapshot(BatchJob job, StatusBreakdown breakdown) {
}
