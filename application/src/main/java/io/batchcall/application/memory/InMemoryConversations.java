package io.batchcall.application.memory;

import io.batchcall.application.port.out.AttemptRecord;
import io.batchcall.application.port.out.ConversationRecords;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** {@link ConversationRecords} of the in-memory store: kept under the store's lock, written by its contact changes. */
final class InMemoryConversations implements ConversationRecords {

    private final Object lock;
    private final Function<String, java.util.List<Contact>> contactsOf;
    private final Map<String, Map<Long, java.util.List<AttemptRecord>>> attempts = new HashMap<>();
    private final Map<String, Map<String, Long>> dispositions = new HashMap<>();
    private final Map<String, Map<Long, java.util.LinkedList<io.batchcall.domain.job.ContactWait>>> waits = new HashMap<>();

    InMemoryConversations(Object lock, Function<String, java.util.List<Contact>> contactsOf) {
        this.lock = lock;
        this.contactsOf = contactsOf;
    }

    /** A contact changed (under the store's lock): an attempt that ended is kept; its last disposition is counted. */
    void changed(String jobId, Contact before, Contact after, Instant now) {
        AttemptRecord.endedBy(before, after, now).forEach(ended -> {
            java.util.List<AttemptRecord> list = attempts.computeIfAbsent(jobId, k -> new HashMap<>()).computeIfAbsent(after.seq(), k -> new ArrayList<>());
            if (list.stream().noneMatch(a -> a.attempt() == ended.attempt())) {
                list.add(ended);
            }
        });
        Map<String, Long> moves = AttemptRecord.dispositionMoves(before, after);
        if (!moves.isEmpty()) {
            Map<String, Long> counts = dispositions.computeIfAbsent(jobId, k -> new TreeMap<>());
            moves.forEach((d, n) -> counts.merge(d, n, Long::sum));
            counts.values().removeIf(n -> n == 0);
        }
    }

    /** A wait a claim saw (under the store's lock): kept when it starts a new one, the latest {@code KEPT} per contact. */
    void waited(String jobId, Contact contact, io.batchcall.domain.job.ContactWait wait) {
        java.util.LinkedList<io.batchcall.domain.job.ContactWait> list = waitsOf(jobId, wait.seq());
        if (io.batchcall.domain.job.ContactWait.startsAnother(Option.of(list.peekLast()), wait, contact)) {
            keep(list, wait);
        }
    }

    private java.util.LinkedList<io.batchcall.domain.job.ContactWait> waitsOf(String jobId, long seq) {
        return waits.computeIfAbsent(jobId, k -> new HashMap<>()).computeIfAbsent(seq, k -> new java.util.LinkedList<>());
    }

    private static void keep(java.util.LinkedList<io.batchcall.domain.job.ContactWait> list, io.batchcall.domain.job.ContactWait wait) {
        list.add(wait);
        if (list.size() > io.batchcall.domain.job.ContactWait.KEPT) {
            list.removeFirst();
        }
    }

    @Override
    public List<io.batchcall.domain.job.ContactWait> waits(String jobId, long seq) {
        synchronized (lock) {
            return List.ofAll(waits.getOrDefault(jobId, Map.of()).getOrDefault(seq, new java.util.LinkedList<>()));
        }
    }

    @Override
    public void waited(String jobId, List<io.batchcall.domain.job.ContactWait> recorded) {
        synchronized (lock) {
            recorded.forEach(w -> keep(waitsOf(jobId, w.seq()), w));
        }
    }

    /** The job is gone: so is everything kept about it. */
    void deleted(String jobId) {
        attempts.remove(jobId);
        waits.remove(jobId);
        dispositions.remove(jobId);
    }

    @Override
    public Option<Contact> contact(String jobId, long seq) {
        synchronized (lock) {
            java.util.List<Contact> contacts = contactsOf.apply(jobId);
            return contacts == null || seq < 1 || seq > contacts.size() ? Option.none() : Option.of(contacts.get((int) seq - 1));
        }
    }

    @Override
    public List<AttemptRecord> attempts(String jobId, long seq) {
        synchronized (lock) {
            return List.ofAll(attempts.getOrDefault(jobId, Map.of()).getOrDefault(seq, java.util.List.of()));
        }
    }

    @Override
    public Map<String, Long> dispositions(String jobId) {
        synchronized (lock) {
            return new TreeMap<>(dispositions.getOrDefault(jobId, Map.of()));
        }
    }

    @Override
    public Tuple2<List<Contact>, Long> withDisposition(String jobId, Set<String> wanted, Set<ContactStatus> statuses, long offset, int limit) {
        synchronized (lock) {
            java.util.List<Contact> contacts = contactsOf.apply(jobId);
            if (contacts == null) {
                return Tuple.of(List.empty(), 0L);
            }
            java.util.List<Contact> page = new ArrayList<>();
            long total = 0;
            for (Contact c : contacts) {
                if (c.conversation().disposition().exists(wanted::contains) && (statuses.isEmpty() || statuses.contains(c.status()))) {
                    if (total >= offset && page.size() < limit) {
                        page.add(c);
                    }
                    total++;
                }
            }
            return Tuple.of(List.ofAll(page), total);
        }
    }
}
