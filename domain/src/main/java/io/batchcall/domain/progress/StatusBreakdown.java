package io.batchcall.domain.progress;

import io.batchcall.domain.contact.ContactStatus;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;

import java.util.Arrays;

/** Number of contacts per status; always has all twelve statuses, zeros included. */
public final class StatusBreakdown {

    private static final ContactStatus[] STATUSES = ContactStatus.values();
    private final long[] counts;

    private StatusBreakdown(long[] counts) {
        this.counts = counts;
    }

    public static StatusBreakdown empty() {
        return new StatusBreakdown(new long[STATUSES.length]);
    }

    /** All {@code total} contacts pending: a freshly created job. */
    public static StatusBreakdown allPending(long total) {
        return empty().plus(ContactStatus.PENDING, total);
    }

    public static StatusBreakdown of(java.util.Map<ContactStatus, Long> values) {
        long[] c = new long[STATUSES.length];
        values.forEach((s, n) -> c[s.ordinal()] = n);
        return new StatusBreakdown(c);
    }

    public long count(ContactStatus status) {
        return counts[status.ordinal()];
    }

    /** Sum of the counts of the given statuses (all statuses when the list is empty). */
    public long countOf(Iterable<ContactStatus> statuses) {
        long sum = 0;
        boolean any = false;
        for (ContactStatus s : statuses) {
            sum += count(s);
            any = true;
        }
        return any ? sum : total();
    }

    public StatusBreakdown plus(ContactStatus status, long delta) {
        long[] c = counts.clone();
        c[status.ordinal()] += delta;
        return new StatusBreakdown(c);
    }

    /** One contact moved from one status to another. */
    public StatusBreakdown moved(ContactStatus from, ContactStatus to) {
        return from == to ? this : plus(from, -1).plus(to, 1);
    }

    public long total() {
        return Arrays.stream(counts).sum();
    }

    public long open() {
        return List.of(STATUSES).filter(ContactStatus::isOpen).map(this::count).sum().longValue();
    }

    /**
     * Wire name → count, in the order of {@link ContactStatus}, as a plain JDK map: what JSON writers are
     * given (a Vavr map serialized by a writer without Vavr's module comes out as its bean properties).
     */
    public java.util.Map<String, Long> toJavaMap() {
        java.util.Map<String, Long> ordered = new java.util.LinkedHashMap<>();
        for (ContactStatus s : STATUSES) {
            ordered.put(s.wire(), count(s));
        }
        return ordered;
    }

    /** Wire name → count, in the order of {@link ContactStatus}. */
    public Map<String, Long> asMap() {
        return LinkedHashMap.ofEntries(List.of(STATUSES).map(s -> io.vavr.Tuple.of(s.wire(), count(s))));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusBreakdown b && Arrays.equals(counts, b.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
