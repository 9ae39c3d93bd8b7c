package io.batchcall.application.port.in;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.List;
import java.util.function.Function;

/**
 * {@code POST /batch/jobs/{id}/contacts} (CONTRACT §16): contacts added to a pending, scheduled, running or paused job,
 * read and checked exactly as a create's (bad, duplicate, suppressed, out-of-window, expired rows skipped with their
 * reasons), plus the numbers the job has already ({@code duplicate_in_job}); all or nothing. A final job →
 * {@code invalid_status} (400); more than a job takes → {@code too_many_contacts} (400), nothing added. With
 * {@code dryRun} nothing is stored; with an idempotency key a retry gets the first answer (as a create's, CONTRACT §12).
 */
public interface AddContacts {

    /** Whose job; whether only to report; the idempotency key and what the adapter took "the same request" to be. */
    record Command(String organizationId, String batchJobId, boolean dryRun, Option<String> key, String requestHash) {

        public static Either<BatchJobError, Command> of(String organizationId, String batchJobId, boolean dryRun, String key, String requestHash) {
            if (batchJobId == null || batchJobId.isBlank() || batchJobId.length() > CallEvent.MAX_ID) {
                return Either.left(new BatchJobError.JobNotFound(batchJobId == null ? "" : batchJobId.substring(0, Math.min(CallEvent.MAX_ID,
                        batchJobId.length()))));
            }
            if (key == null) {
                return Either.right(new Command(organizationId, batchJobId, dryRun, Option.none(), requestHash));
            }
            return IdempotentCreate.key(key).map(k -> new Command(organizationId, batchJobId, dryRun, Option.of(k), requestHash));
        }
    }

    /** What an add did (or, for a dry run, would do): contacts added, the job's total after it, the rows skipped. */
    record Added(boolean dryRun, long added, long totalContacts, long skippedCount, List<SkippedRow> skippedRows) {
    }

    /** The answer, as {@code answer} writes it; kept and replayed for a key ({@code replayed}: kept from an earlier request). */
    record Answer(String body, boolean replayed) {
    }

    Either<BatchJobError, Answer> add(Command command, ContactRows rows, Function<Added, String> answer);
}
