package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

/**
 * List the caller's jobs, newest first ({@link JobListQuery#parse} checks the query values).
 */
public interface ListBatchJobs {

    int DEFAULT_PAGE_SIZE = 20;
    int MAX_PAGE_SIZE = 100;

    Either<BatchJobError, JobList> list(JobListQuery query);
}
