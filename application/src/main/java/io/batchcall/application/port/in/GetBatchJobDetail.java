package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

/** Read a job's detail with one page of contacts ({@link DetailQuery#parse} checks the query values). */
public interface GetBatchJobDetail {

    Either<BatchJobError, JobDetail> detail(DetailQuery query);

    /**
     * Whether a detail answer stamped {@code stamp} ({@link JobDetail#stamp()}) is still the answer now:
     * nothing was written to the job since its read began, and time alone has not moved it. Non-blocking
     * (from memory, never the store): an adapter may call it on an event loop and serve what it kept.
     */
    default boolean isCurrent(String batchJobId, DetailStamp stamp) {
        return false;
    }

    /**
     * Whether {@link #isCurrent} tells from memory alone, for every job (the store sees every write to it): then an
     * answer it does not call current is not, and only a whole read gives the answer.
     */
    default boolean tellsFromMemory() {
        return false;
    }

    /**
     * The detail, or none when the answer stamped {@code kept} is still the answer — told by reading no more
     * than the job's row when the store keeps a stored version (PostgreSQL), where {@link #isCurrent} cannot tell.
     */
    default Either<BatchJobError, io.vavr.control.Option<JobDetail>> detailUnlessCurrent(DetailQuery query, DetailStamp kept) {
        return detail(query).map(io.vavr.control.Option::some);
    }
}
