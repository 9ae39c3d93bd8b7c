package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

/** Read a job's detail with one page of contacts. Raw query values; empty counts as absent. */
public interface GetBatchJobDetail {

    Either<BatchJobError, JobDetail> detail(String organizationId, String batchJobId, String contactStatus,
                                            String contactsPage, String contactsPageSize);
}
