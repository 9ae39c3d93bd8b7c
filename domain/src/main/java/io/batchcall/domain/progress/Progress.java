package io.batchcall.domain.progress;

import io.batchcall.domain.contact.ContactStatus;

/**
 * The per-contact progress figures of CONTRACT §4, all derived from one breakdown, so that
 * totalContacts = Σ breakdown and contactsProcessed = successfulCalls + failedCalls + cancelled
 * hold by construction.
 */
public record Progress(long totalContacts, long contactsProcessed, long successfulCalls, long failedCalls,
                       StatusBreakdown statusBreakdown) {

    public static Progress of(StatusBreakdown b) {
        long successful = b.count(ContactStatus.COMPLETED);
        long failed = 0;
        long processed = 0;
        for (ContactStatus s : ContactStatus.values()) {
            if (s.isFailure()) {
                failed += b.count(s);
            }
            if (s.isTerminal()) {
                processed += b.count(s);
            }
        }
        return new Progress(b.total(), processed, successful, failed, b);
    }

    public long remaining() {
        return totalContacts - contactsProcessed;
    }
}
