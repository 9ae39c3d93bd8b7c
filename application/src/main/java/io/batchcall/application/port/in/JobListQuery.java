package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.paging.PageRequest;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * A page of the caller's jobs, checked: an optional status filter and a page. {@code othersOnly}: the request
 * named another organization (the reference API's {@code organizationId} parameter) and is answered with no jobs.
 */
public record JobListQuery(String organizationId, Option<JobStatus> status, PageRequest page, boolean othersOnly) {

    /**
     * The query values as sent (empty counts as absent): {@code status} one of the seven job statuses, {@code page} ≥ 1,
     * {@code pageSize} 1–100 — else {@code invalid_status}, {@code invalid_page}, {@code invalid_page_size}.
     */
    public static Either<BatchJobError, JobListQuery> parse(String organizationId, String status, String page, String pageSize,
                                                           String requestedOrganizationId) {
        Option<JobStatus> filter = Option.none();
        if (status != null && !status.isEmpty()) {
            filter = JobStatus.fromWire(status);
            if (filter.isEmpty()) {
                return Either.left(new BatchJobError.InvalidInput("invalid_status",
                        "status must be one of pending, scheduled, running, paused, completed, failed, cancelled"));
            }
        }
        Option<JobStatus> statusFilter = filter;
        boolean others = requestedOrganizationId != null && !requestedOrganizationId.isEmpty() && !requestedOrganizationId.equals(organizationId);
        return PageRequest.parse(page, pageSize, ListBatchJobs.DEFAULT_PAGE_SIZE, ListBatchJobs.MAX_PAGE_SIZE)
                .map(p -> new JobListQuery(organizationId, statusFilter, p, others));
    }
}
