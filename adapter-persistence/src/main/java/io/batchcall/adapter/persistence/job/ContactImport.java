package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.StoredJson;
import io.batchcall.adapter.persistence.Database;

import io.batchcall.application.port.out.NewContact;
import io.batchcall.domain.job.BatchJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Writes a new job and its contacts, all or nothing, also across a crash.
 *
 * <p>PostgreSQL: one transaction, contacts bulk-loaded with COPY (other writers are not held up).
 * SQLite: the single writer must stay available to call events, so contacts are inserted in chunks of
 * {@link #CHUNK} rows, each its own short transaction, under a {@code pending_import} marker; the job
 * row (and so the job, for every reader) appears only with the last chunk, in the transaction that
 * removes the marker. An import that fails is deleted at once; one cut short by a crash is deleted by
 * {@link #recover} at the next start.
 */
final class ContactImport {

    private static final Logger LOG = LoggerFactory.getLogger(ContactImport.class);
    /** Contacts per transaction on SQLite: about a tenth of a second of the writer. */
    static final int CHUNK = 20_000;
    private static final int INSERT_BATCH = 1000;

    private ContactImport() {
    }

    static long create(Database db, BatchJob job, Iterator<NewContact> contacts) {
        if (!contacts.hasNext()) {
            return 0;
        }
        db.write(c -> {
            JobRows.ensureOrganization(c, job.organizationId());
            return null;
        });
        if (!db.sql().copiesInOneTransaction()) {
            return inChunks(db, job, contacts);
        }
        long count = inOneTransaction(db, job, contacts);
        analyzeAfter(db, count);
        return count;
    }

    /** A bulk load that a planner must know of at once: at least this many rows get the table's statistics renewed. */
    static final long ANALYZE_AFTER_ROWS = 100_000;

    /**
     * PostgreSQL: after a large COPY the contact table's statistics are renewed at once ({@code analyze}, a sample of
     * 30,000 rows; it blocks no reader or writer). Until autovacuum got to it, the planner read a job of a million
     * contacts as the table it was before: the first claim of such a job took 430–690 ms (a scan and sort where its
     * index serves).
     */
    static void analyzeAfter(Database db, long rows) {
        if (rows < ANALYZE_AFTER_ROWS) {
            return;
        }
        try {
            db.write(c -> {
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("analyze contact");
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("renewing the contact table's statistics after an import of {} rows failed (autovacuum will): {}", rows, e.getMessage());
        }
    }

    private static long inOneTransaction(Database db, BatchJob job, Iterator<NewContact> contacts) {
        return db.inTransaction(c -> {
            BucketCounter buckets = new BucketCounter();
            long count = PostgresCopy.copyContacts(c, job, contacts, false, buckets::add);
            JobRows.insert(c, job, count);
            JobPriorities.settle(c, job.id(), false, buckets.sawPriority());
            RankedPages.insert(c, job.id(), buckets.counts(), buckets.size());
            insertZones(c, job.id(), buckets.zones());
            return count;
        });
    }

    private static long inChunks(Database db, BatchJob job, Iterator<NewContact> contacts) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into pending_import (job_id, started_at) values (?, ?)")) {
                ps.setString(1, job.id());
                ps.setLong(2, job.createdAt().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
        BucketCounter buckets = new BucketCounter();
        long[] count = {0};
        try {
            boolean done = false;
            while (!done) {
                done = db.inTransaction(c -> {
                    count[0] += insertChunk(c, job, contacts, false, buckets);
                    if (contacts.hasNext()) {
                        return false;
                    }
                    JobRows.insert(c, job, count[0]);
                    JobPriorities.settle(c, job.id(), false, buckets.sawPriority());
                    RankedPages.insert(c, job.id(), buckets.counts(), buckets.size());
                    insertZones(c, job.id(), buckets.zones());
                    deleteMarker(c, job.id());
                    return true;
                });
            }
            return count[0];
        } catch (RuntimeException | Error e) {
            try {
                discard(db, job.id());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup); // the marker stays: the next start removes the rows
            }
            throw e;
        }
    }

    /** Up to {@link #CHUNK} contacts; a row without a priority stores none, or 0 in a job already {@code prioritized}. */
    static long insertChunk(Connection c, BatchJob job, Iterator<NewContact> contacts, boolean prioritized, BucketCounter buckets)
            throws SQLException {
        return insertChunk(c, "contact", job, contacts, prioritized, buckets);
    }

    /** {@link #insertChunk(Connection, BatchJob, Iterator, boolean, BucketCounter)} into {@code table} (contact's columns). */
    static long insertChunk(Connection c, String table, BatchJob job, Iterator<NewContact> contacts, boolean prioritized, BucketCounter buckets)
            throws SQLException {
        long count = 0;
        // claim_key: SQLite keeps a job's rows in claim order, (job_id, claim_key, seq) with claim_key = -priority (ADR 14)
        try (PreparedStatement ps = c.prepareStatement("insert into " + table + " (job_id, seq, phone_number, contact_data, status, "
                + "attempt_count, max_attempts, timezone, expires_at, priority, claim_key) values (?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?)")) {
            int batched = 0;
            while (count < CHUNK && contacts.hasNext()) {
                NewContact n = contacts.next();
                ps.setString(1, job.id());
                ps.setLong(2, n.seq());
                ps.setString(3, n.phone().value());
                ps.setString(4, StoredJson.toJson(n.contactData()));
                ps.setInt(5, job.retryPolicy().maxAttempts());
                ps.setString(6, n.timezone().getOrNull());
                io.batchcall.adapter.persistence.Sql.setTime(ps, 7, n.expiresAt());
                Integer priority = n.priority().isDefined() || prioritized ? n.priorityOrDefault() : null;
                if (priority == null) {
                    ps.setNull(8, java.sql.Types.INTEGER);
                } else {
                    ps.setInt(8, priority);
                }
                ps.setInt(9, ContactRows.claimKey(n.priorityOrDefault()));
                ps.addBatch();
                count++;
                buckets.add(n);
                if (++batched == INSERT_BATCH) {
                    ps.executeBatch();
                    batched = 0;
                }
            }
            if (batched > 0) {
                ps.executeBatch();
            }
        }
        return count;
    }

    /** Deletes the rows of imports that a crash cut short (embedded store; run before anything else uses it). */
    static int recover(Database db) {
        List<String> interrupted = db.read(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select job_id from pending_import"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
        for (String jobId : interrupted) {
            LOG.warn("removing the contacts of job {}: its import was interrupted before it completed", jobId);
            discard(db, jobId);
        }
        return interrupted.size();
    }

    /**
     * Removes a deleted job's contacts and events: the job row and its counts go at once (the job is gone
     * for every reader), the contact rows in short steps under a marker that a restart finishes.
     */
    static boolean delete(Database db, io.batchcall.domain.job.BatchJob expected) {
        boolean deleted = db.inTransaction(c -> {
            if (!JobRows.delete(c, expected.id(), expected.status())) {
                return false;
            }
            for (String table : new String[] {"contact_rank", "job_zone", "job_disposition"}) {
                try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where job_id = ?")) {
                    ps.setString(1, expected.id());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into pending_import (job_id, started_at) values (?, ?)")) {
                ps.setString(1, expected.id());
                ps.setLong(2, expected.createdAt().toEpochMilli());
                ps.executeUpdate();
            }
            return true;
        });
        if (deleted) {
            discard(db, expected.id());
        }
        return deleted;
    }

    /** Deletes an unfinished import's (or a deleted job's) contacts and events in short transactions, then its marker. */
    private static void discard(Database db, String jobId) {
        long last = db.read(c -> {
            // SQLite: by the contact's key (job_id, claim_key, seq) and the index of the rows with a claim key other than 0 (ADR 14)
            try (PreparedStatement ps = c.prepareStatement(db.sql().isSqlite()
                    ? "select coalesce(max(m), 0) from (select max(seq) m from contact where job_id = ?1 and claim_key = 0 "
                            + "union all select max(seq) from contact indexed by contact_job_seq where job_id = ?1 and claim_key <> 0)"
                    : "select coalesce(max(seq), 0) from contact where job_id = ?")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        for (long from = 0; from < last; from += CHUNK) {
            long lo = from;
            db.inTransaction(c -> {
                // SQLite keys contacts, events and attempts (job_id, claim_key, seq, …) (ADR 14): the range is sought under each
                // key; contact_wait stays keyed by position
                String keyed = db.sql().isSqlite() ? " and claim_key in " + ContactRows.EVERY_CLAIM_KEY : "";
                for (String table : new String[] {"contact", "call_event", "contact_attempt", "contact_wait"}) {
                    try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where job_id = ?"
                            + (table.equals("contact_wait") ? "" : keyed) + " and seq > ? and seq <= ?")) {
                        ps.setString(1, jobId);
                        ps.setLong(2, lo);
                        ps.setLong(3, lo + CHUNK);
                        ps.executeUpdate();
                    }
                }
                return null;
            });
        }
        db.inTransaction(c -> {
            for (String table : new String[] {"contact", "call_event", "contact_attempt", "contact_wait"}) {
                try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where job_id = ?")) {
                    ps.setString(1, jobId);
                    ps.executeUpdate();
                }
            }
            deleteMarker(c, jobId);
            return null;
        });
    }

    private static void deleteMarker(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from pending_import where job_id = ?")) {
            ps.setString(1, jobId);
            ps.executeUpdate();
        }
    }

    private static void insertZones(Connection c, String jobId, java.util.Map<String, Long> zones) throws SQLException {
        if (zones.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into job_zone (job_id, timezone, contacts) values (?, ?, ?)")) {
            for (var z : zones.entrySet()) {
                ps.setString(1, jobId);
                ps.setString(2, z.getKey());
                ps.setLong(3, z.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Contacts per rank bucket, and the distinct zones, counted while a job's contacts are written. */
    static final class BucketCounter {
        private long[] counts = new long[64];
        private int size;
        private final java.util.Map<String, Long> zones = new java.util.HashMap<>();
        private boolean sawPriority;

        void add(NewContact n) {
            sawPriority |= n.priorityOrDefault() != io.batchcall.domain.contact.Priority.DEFAULT;
            n.timezone().forEach(z -> zones.merge(z, 1L, Long::sum));
            rank(n.seq());
        }

        /** Counts contacts {@code from}…{@code to} (their numbers only) in their rank buckets. */
        void rank(long from, long to) {
            for (long seq = from; seq <= to; seq++) {
                rank(seq);
            }
        }

        private void rank(long seq) {
            int b = RankedPages.bucketOf(seq);
            if (b >= counts.length) {
                counts = Arrays.copyOf(counts, Math.max(b + 1, counts.length * 2));
            }
            counts[b]++;
            size = Math.max(size, b + 1);
        }

        int size() {
            return size;
        }

        long[] counts() {
            return counts;
        }

        java.util.Map<String, Long> zones() {
            return zones;
        }

        /** Whether a contact counted had a priority other than 0 (CONTRACT §16). */
        boolean sawPriority() {
            return sawPriority;
        }
    }
}
