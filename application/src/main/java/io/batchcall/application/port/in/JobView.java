package io.batchcall.application.port.in;

import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.progress.Progress;
import io.vavr.control.Option;

import java.time.Instant;

/** A job with its progress figures and ETA, as of one read. */
public record JobView(BatchJob job, Progress progress, Option<Instant> estimatedCompletionTime) {
}
