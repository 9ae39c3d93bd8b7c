package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

/** Take one action on a job: the job after it, or why not ({@code invalid_status}, {@code already_running}, {@code job_not_found}). */
public interface ActOnJob {
    Either<BatchJobError, JobActionResult> act(JobAction action);
}
