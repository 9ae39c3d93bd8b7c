package io.batchcall.application.port.out;

/**
 * Storage of batch jobs and their contacts: the union of the four roles the engine's services use
 * ({@link JobRecords}, {@link ContactPages}, {@link ContactUpdates}, {@link DispatchQueue}), and the
 * organizations' suppression lists ({@link Suppressions}), which claims consult in the same step. Every
 * method is atomic, and every implementation keeps the per-status counts exact at all times (they are
 * never recomputed by scanning). One contract test suite holds all implementations to the same behaviour.
 *
 * <p>Every change that outbound webhooks report (CONTRACT §13) is written with its events, in the same
 * step, to the outbox that {@link #webhooks()} reads.
 */
public interface BatchJobs extends JobRecords, ContactPages, ContactUpdates, DispatchQueue, Suppressions {

    /** The webhook endpoints and the outbox this store records events into. */
    Webhooks webhooks();

    /** The organizations' caller ids, and the dial schedules and counts this store's claims pace by (CONTRACT §14). */
    CallerIds callerIds();

    /** The organizations' consent records, which claims of jobs that require consent check at each dial (CONTRACT §17). */
    Consents consents();

    /** Each contact's attempts and the jobs' dispositions, kept with every change that ends an attempt (CONTRACT §15). */
    ConversationRecords conversations();

    /** Versions of each job's state, when this store sees every write to it ({@link JobVersions}); by default unknown. */
    default JobVersions versions() {
        return JobVersions.UNKNOWN;
    }
}
