package io.batchcall.application.memory;

import io.batchcall.application.port.out.EventKey;
import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.progress.StatusBreakdown;

import java.time.Instant;
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
    /** Contacts per call group (zones and region), counted as they are stored: a contact's group never changes. */
    final java.util.Map<String, Long> groups = new java.util.HashMap<>();
    /** Whether any contact has a priority other than the default: claims then sort (CONTRACT §16). */
    boolean prioritized;

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

    /** The job's numbers, built when an add first asks. */
    private Set<String> phones;

    /** Which of {@code asked} the job has already. */
    Set<String> numbersAmong(java.util.Collection<String> asked) {
        if (phones == null) {
            phones = new HashSet<>();
            contacts.forEach(c -> phones.add(c.phoneNumber()));
        }
        Set<String> found = new HashSet<>();
        asked.stream().filter(phones::contains).forEach(found::add);
        return found;
    }

    /**
     * Contacts stored after the last (a create's, or an add's: CONTRACT §16), numbered on from it whatever their
     * {@code seq}: pending, counted; their expiries noted.
     */
    long append(java.util.List<io.batchcall.application.port.out.NewContact> rows, InMemoryExpiries expiries) {
        for (io.batchcall.application.port.out.NewContact n : rows) {
            long seq = contacts.size() + 1;
            Contact c = Contact.pending(Contact.idFor(job.id(), seq), job.id(), seq, n.phone(), n.contactData(),
                    job.retryPolicy().maxAttempts(), n.timezone()).withPriority(n.priorityOrDefault());
            contacts.add(c);
            prioritized |= c.priority() != io.batchcall.domain.contact.Priority.DEFAULT;
            c.timezone().forEach(g -> groups.merge(g, 1L, Long::sum));
            n.expiresAt().forEach(t -> expiries.add(t, job.id(), seq));
            if (phones != null) {
                phones.add(c.phoneNumber());
            }
        }
        counts = (counts == null ? StatusBreakdown.allPending(0) : counts).plus(io.batchcall.domain.contact.ContactStatus.PENDING, rows.size());
        return rows.size();
    }

    /**
     * The contacts a claim may take at {@code now} (those {@code callable}), in claim order: upload order, or, once any
     * contact of the job has a priority other than the default, higher priority first (CONTRACT §16).
     */
    java.util.Iterator<Contact> due(Instant now, java.util.function.Predicate<Contact> callable) {
        io.vavr.collection.Iterator<Contact> due = io.vavr.collection.Iterator.ofAll(contacts).filter(c -> c.isDue(now) && callable.test(c));
        return prioritized ? due.toJavaList().stream().sorted(Contact.CLAIM_ORDER).iterator() : due;
    }

    /** The job's attempts in flight whose contact passes {@code filter}, in upload order. */
    io.vavr.collection.List<io.batchcall.application.port.out.OverdueAttempt> inCall(java.util.function.Predicate<Contact> filter) {
        return io.vavr.collection.List.ofAll(contacts).filter(c -> c.status() == io.batchcall.domain.contact.ContactStatus.DIALING && filter.test(c))
                .map(c -> new io.batchcall.application.port.out.OverdueAttempt(job.id(), c.seq(), c.attemptCount(), c.roomName()));
    }

    void put(Contact before, Contact after) {
        contacts.set((int) (after.seq() - 1), after);
        counts = counts.moved(before.status(), after.status());
    }
}
