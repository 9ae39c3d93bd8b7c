package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

import java.util.Iterator;

/** Create a campaign from a contact list, streamed row by row. */
public interface CreateBatchJob {

    int MAX_REPORTED_SKIPS = 1000;

    Either<BatchJobError, CreatedJob> create(CreateBatchJobCommand command, Iterator<ContactRow> rows);

    /** Validates everything a create would and reports what it would store (CONTRACT §12); stores nothing. */
    Either<BatchJobError, DryRunReport> dryRun(CreateBatchJobCommand command, Iterator<ContactRow> rows);
}
