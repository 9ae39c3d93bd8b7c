package io.batchcall.application.port.in;

import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.progress.Progress;
import io.vavr.control.Option;

import java.time.Instant;

/**
 * A job with its progress figures and completion estimate, as of one read: the point estimate, an
 * interval around it, and the contract's baseline for comparison (all present only while the job runs
 * and at least one contact is processed).
 */
public record JobView(BatchJob job, Progress progress, Option<Instant> estimatedCompletionTime,
                      Option<Instant> estimatedCompletionTimeLow, Option<Instant> estimatedCompletionTimeHigh,
                      Option<Instant> baselineEstimatedCompletionTime) {

    public JobView(BatchJob job, Progress progress, Option<Instant> estimatedCompletionTime) {
        this(job, progress, estimatedCompletionTime, Option.none(), Option.none(), estimatedCompletionTime);
    }
}
