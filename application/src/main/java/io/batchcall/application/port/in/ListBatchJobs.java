package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

/**
 * List the caller's jobs. {@code requestedOrganizationId} is the optional organizationId parameter
 * clients of the reference API send: equal to the caller's it changes nothing, any other value yields
 * an empty list.
 */
public interface ListBatchJobs {

    int DEFAULT_PAGE_SIZE = 20;
    int MAX_PAGE_SIZE = 100;

    Either<BatchJobError, JobList> list(String organizationId, String status, String page, String pageSize,
                                        String requestedOrganizationId);
}
