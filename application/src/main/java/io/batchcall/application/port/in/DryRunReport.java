package io.batchcall.application.port.in;

import io.batchcall.domain.job.BatchJob;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a create would do (CONTRACT §12): the job it would make, how many contacts it would keep, the
 * rows it would skip (the first {@link CreateBatchJob#MAX_REPORTED_SKIPS} listed, all counted by reason), the contacts per time zone and per region (CONTRACT §17; {@code unknown} where none is known), and when the first of them could be called.
 */
public record DryRunReport(BatchJob job, long totalContacts, long skippedCount, List<SkippedRow> skippedRows,
                           Map<String, Long> skippedByReason,
                           Map<String, Long> timezones, Option<Instant> firstCallableAt, long estimatedDurationSeconds,
                           Map<String, Long> regions) {

    /** A report without contacts per region. */
    public DryRunReport(BatchJob job, long totalContacts, long skippedCount, List<SkippedRow> skippedRows, Map<String, Long> skippedByReason,
                        Map<String, Long> timezones, Option<Instant> firstCallableAt, long estimatedDurationSeconds) {
        this(job, totalContacts, skippedCount, skippedRows, skippedByReason, timezones, firstCallableAt, estimatedDurationSeconds, Map.of());
    }
}
