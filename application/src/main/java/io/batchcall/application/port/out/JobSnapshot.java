package io.batchcall.application.port.out;

import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.progress.StatusBreakdown;

/**
 * A job and its exact per-status contact counts, read at one moment, with what its completion
 * estimate learns from ({@link AttemptStats}) and, where the store keeps one, the job's stored version
 * (moved in the same transaction as every write to the job or its contacts: equal versions, equal job).
 */
public record JobSnapshot(BatchJob job, StatusBreakdown breakdown, AttemptStats stats, java.util.OptionalLong version,
                          io.batchcall.domain.caller.DialWindow dials) {

    /** A snapshot without its recent dials counted (a store that does not count them). */
    public JobSnapshot(BatchJob job, StatusBreakdown breakdown, AttemptStats stats, java.util.OptionalLong version) {
        this(job, breakdown, stats, version, io.batchcall.domain.caller.DialWindow.NONE);
    }

    public JobSnapshot(BatchJob job, StatusBreakdown breakdown) {
        this(job, breakdown, AttemptStats.NONE);
    }

    /** A snapshot from a store that keeps no stored version of its jobs. */
    public JobSnapshot(BatchJob job, StatusBreakdown breakdown, AttemptStats stats) {
        this(job, breakdown, stats, java.util.OptionalLong.empty());
    }

    /**
     * Attempts ended so far, their summed length in milliseconds, how many of their outcomes were
     * retryable (queued, or would have been with attempts left), and the summed start times (epoch ms) of
     * the attempts in flight (with the dialing count, the time they have lasted so far), and the latest time (epoch ms, 0:
     * none) a contact was queued to be dialed at — a retry's or a callback's (a maximum, not a sum: the estimate's last
     * queued contact falls due then at the latest).
     */
    public record AttemptStats(long attemptsEnded, long attemptMillis, long retryableOutcomes, long dialingSinceSum, long latestDueMillis) {
        public static final AttemptStats NONE = new AttemptStats(0, 0, 0, 0, 0);

        public AttemptStats(long attemptsEnded, long attemptMillis, long retryableOutcomes, long dialingSinceSum) {
            this(attemptsEnded, attemptMillis, retryableOutcomes, dialingSinceSum, 0);
        }

        public AttemptStats plus(AttemptStats d) {
            return new AttemptStats(attemptsEnded + d.attemptsEnded, attemptMillis + d.attemptMillis,
                    retryableOutcomes + d.retryableOutcomes, dialingSinceSum + d.dialingSinceSum, Math.max(latestDueMillis, d.latestDueMillis));
        }

        /** What one contact change adds, with the time it was queued to be dialed at when it was (a retry, a callback). */
        public static AttemptStats of(BatchJob job, io.batchcall.domain.contact.Contact before, io.batchcall.domain.contact.Contact after) {
            AttemptStats attempt = attemptOf(job, before, after);
            if (after.status() == io.batchcall.domain.contact.ContactStatus.QUEUED && after.nextRetryAt().isDefined()
                    && !after.nextRetryAt().equals(before.nextRetryAt())) {
                return new AttemptStats(attempt.attemptsEnded, attempt.attemptMillis, attempt.retryableOutcomes, attempt.dialingSinceSum,
                        after.nextRetryAt().get().toEpochMilli());
            }
            return attempt;
        }

        /** What one contact change adds to the attempts: a dial starts an attempt; an outcome ends it. */
        private static AttemptStats attemptOf(BatchJob job, io.batchcall.domain.contact.Contact before, io.batchcall.domain.contact.Contact after) {
            var dialing = io.batchcall.domain.contact.ContactStatus.DIALING;
            if (before.status() != dialing && after.status() == dialing) {
                return new AttemptStats(0, 0, 0, after.lastAttemptAt().map(java.time.Instant::toEpochMilli).getOrElse(0L));
            }
            if (after.deferredDialOf(before)) {
                // it leaves the attempts in flight and is not an attempt that ended
                return new AttemptStats(0, 0, 0, -before.lastAttemptAt().map(java.time.Instant::toEpochMilli).getOrElse(0L));
            }
            if (after.endedAttemptOf(before)) {
                long started = before.lastAttemptAt().map(java.time.Instant::toEpochMilli).getOrElse(0L);
                java.time.Instant ended = after.completedAt().orElse(after.nextRetryAt()
                        .map(t -> t.minusSeconds(job.retryPolicy().retryDelaySeconds()))).getOrElse(java.time.Instant.ofEpochMilli(started));
                boolean retryable = after.status() == io.batchcall.domain.contact.ContactStatus.QUEUED
                        || job.retryPolicy().isRetryable(after.status());
                return new AttemptStats(1, Math.max(0, ended.toEpochMilli() - started), retryable ? 1 : 0, -started);
            }
            return NONE;
        }
    }
}
