package io.batchcall.application.memory;

import io.batchcall.application.port.out.EventKey;
import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.progress.StatusBreakdown;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/** One job of {@link InMemoryBatchJobs}: the job, its contacts in upload order, its counts and the call events it saw. */
final class JobEntry {
    BatchJob job;
    StatusBreakdown counts;
    final long order;
    final ArrayList<Contact> contacts = new ArrayList<>();
    final Set<EventKey> events = new HashSet<>();

    JobEntry(BatchJob job, long order) {
        this.job = job;
        this.order = order;
    }

    JobSnapshot.AttemptStats stats = JobSnapshot.AttemptStats.NONE;
    io.batchcall.domain.caller.DialWindow dials = io.batchcall.domain.caller.DialWindow.NONE;

    JobSnapshot snapshot() {
        return new JobSnapshot(job, counts, stats, java.util.OptionalLong.empty(), dials);
    }

    /** One page of the contacts, in upload order, of the statuses asked (all when none). */
    io.vavr.collection.List<Contact> page(io.batchcall.domain.paging.ContactQuery query) {
        ArrayList<Contact> result = new ArrayList<>();
        long skip = query.page().offset();
        for (Contact c : contacts) {
            if (query.statuses().isEmpty() || query.statuses().contains(c.status())) {
                if (skip > 0) {
                    skip--;
                } else {
                    result.add(c);
                    if (result.size() == query.page().pageSize()) {
                        break;
                    }
                }
            }
        }
        return io.vavr.collection.List.ofAll(result);
    }

    void put(Contact before, Contact after) {
        contacts.set((int) (after.seq() - 1), after);
        counts = counts.moved(before.status(), after.status());
    }
}
