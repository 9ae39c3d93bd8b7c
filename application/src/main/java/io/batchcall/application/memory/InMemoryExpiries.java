package io.batchcall.application.memory;

import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The in-memory store's contacts with an {@code expiresAt} (CONTRACT §16), by expiry: the sweep reads only those whose
 * time has come. Kept under the store's lock; a contact that ended (or whose job is gone) leaves it when met.
 */
final class InMemoryExpiries {

    private record Entry(Instant at, String jobId, long seq) {
    }

    private final TreeSet<Entry> byExpiry = new TreeSet<>(Comparator.comparing(Entry::at).thenComparing(Entry::jobId)
            .thenComparingLong(Entry::seq));

    void add(Instant at, String jobId, long seq) {
        byExpiry.add(new Entry(at, jobId, seq));
    }

    /** The waiting contacts whose expiry has come; {@code contact} finds one (none: its job is gone). */
    io.vavr.collection.List<Tuple2<String, Long>> due(Instant now, int limit, BiFunction<String, Long, Option<Contact>> contact) {
        java.util.List<Tuple2<String, Long>> out = new java.util.ArrayList<>();
        Iterator<Entry> it = byExpiry.iterator();
        while (it.hasNext() && out.size() < limit) {
            Entry e = it.next();
            if (e.at().isAfter(now)) {
                break;
            }
            Option<Contact> c = contact.apply(e.jobId(), e.seq());
            if (c.isEmpty() || !c.get().status().isOpen()) {
                it.remove(); // ended or gone: never due again
            } else if (c.get().status() != ContactStatus.DIALING) {
                out.add(Tuple.of(e.jobId(), e.seq()));
            }
        }
        return io.vavr.collection.List.ofAll(out);
    }
}
