package io.batchcall.adapter.persistence.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fact of each job read from the store and used as read for {@link #FRESH_NANOS}: facts that change only with an add
 * (CONTRACT §16) — at once on the instance that added ({@link #forget}), within seconds on the others. A fact for which
 * {@code settled} holds is kept without reading again (it cannot change back).
 */
final class PerJobReads<T> {

    /** How long a read is used: an add on another instance is seen within this. */
    static final long FRESH_NANOS = 5_000_000_000L;
    private static final int MAX_JOBS = 10_000;

    /** Reads the fact in the caller's connection. */
    interface Reader<T> {
        T read(Connection c, String jobId) throws SQLException;
    }

    private record Read<T>(T value, long atNanos) {
    }

    private final Map<String, Read<T>> reads = new ConcurrentHashMap<>();
    private final Reader<T> reader;
    private final java.util.function.Predicate<T> settled;

    PerJobReads(Reader<T> reader, java.util.function.Predicate<T> settled) {
        this.reader = reader;
        this.settled = settled;
    }

    /** The job's contacts changed here: its fact is read again. */
    void forget(String jobId) {
        reads.remove(jobId);
    }

    /** The fact as last read, while fresh (no connection is taken for it). */
    Optional<T> fresh(String jobId) {
        Read<T> r = reads.get(jobId);
        return r != null && (settled.test(r.value()) || System.nanoTime() - r.atNanos() < FRESH_NANOS) ? Optional.of(r.value()) : Optional.empty();
    }

    T get(Connection c, String jobId) throws SQLException {
        Optional<T> kept = fresh(jobId);
        if (kept.isPresent()) {
            return kept.get();
        }
        T value = reader.read(c, jobId);
        if (reads.size() > MAX_JOBS) {
            reads.clear();
        }
        reads.put(jobId, new Read<>(value, System.nanoTime()));
        return value;
    }
}
