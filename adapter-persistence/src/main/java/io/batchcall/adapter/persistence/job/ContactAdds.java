package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.Database;
import io.batchcall.adapter.persistence.SqlDialect;
import io.batchcall.application.port.out.JobVersions;
import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.application.port.out.NewContact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.BatchJob;
import io.vavr.control.Option;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Contacts added to a job that exists (CONTRACT §16): all or nothing, also across a crash, and seen by readers only once
 * all are written. Adds to one job take turns; the contacts are numbered after its last, then its counters, rank buckets
 * and zone groups grow, and a job that became final meanwhile takes none. PostgreSQL copies them (COPY) in one
 * transaction; SQLite stages them and moves them in one ({@link #staged}).
 */
final class ContactAdds {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ContactAdds.class);

    /** The high bits of an add's advisory lock on PostgreSQL (the job id's hash in the low ones): adds to one job take turns. */
    private static final long ADD_TURN = 0x6164645F00000000L;
    /** Adds to one job take turns on the embedded store (striped by the job's id). */
    private static final java.util.concurrent.locks.ReentrantLock[] JOB_TURNS = new java.util.concurrent.locks.ReentrantLock[64];
    /** Each staged add's TEMP table has its own name (adds to different jobs interleave on the writer's connection). */
    private static final java.util.concurrent.atomic.AtomicLong TABLES = new java.util.concurrent.atomic.AtomicLong();

    static {
        for (int i = 0; i < JOB_TURNS.length; i++) {
            JOB_TURNS[i] = new java.util.concurrent.locks.ReentrantLock();
        }
    }

    private ContactAdds() {
    }

    /** The numbers among {@code phones} the job has already, by the (job, number) index. */
    static Set<String> numbersIn(Connection c, SqlDialect sql, String jobId, Collection<String> phones) throws SQLException {
        return NumberRows.among(c, sql, "select phone_number from contact where job_id = ? and phone_number", jobId, phones);
    }

    /**
     * {@link io.batchcall.application.port.out.JobRecords#addContacts} on PostgreSQL, in the caller's transaction (COPY).
     * Adds to one job take turns by a transaction-scoped advisory lock on the job, not by its row: the row is locked only
     * at the end, to grow the counts, so the job's call events — each grows its counters on that row — are not held up
     * by the copy (they waited out the whole add: p99 2.4 s during an add of 100,000). A job that became final or was
     * deleted meanwhile takes nothing: the copied rows are rolled back. {@code total} gets the job's contacts before the add.
     */
    static Option<Long> add(Connection c, SqlDialect sql, BatchJob job, Iterator<NewContact> contacts, long[] total) throws SQLException {
        try (PreparedStatement turn = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            turn.setLong(1, ADD_TURN | (job.id().hashCode() & 0xFFFF_FFFFL));
            turn.executeQuery().close();
        }
        Option<JobSnapshot> locked = JobRows.load(c, job.id(), "");
        if (locked.isEmpty() || locked.get().job().status().isFinal()) {
            return Option.none();
        }
        BatchJob current = locked.get().job();
        long before = locked.get().breakdown().total();
        total[0] = before;
        long[] next = {before};
        Iterator<NewContact> numbered = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return contacts.hasNext();
            }

            @Override
            public NewContact next() {
                NewContact n = contacts.next();
                return n.at(++next[0]);
            }
        };
        ContactImport.BucketCounter buckets = new ContactImport.BucketCounter();
        boolean prioritized = JobPriorities.stored(c, job.id());
        long added = PostgresCopy.copyContacts(c, current, numbered, prioritized, buckets::add);
        Option<JobSnapshot> still = JobRows.load(c, job.id(), sql.forUpdate());
        if (still.isEmpty() || still.get().job().status().isFinal()) {
            c.rollback();
            return Option.none();
        }
        if (added == 0) {
            return Option.of(0L);
        }
        grow(c, job.id(), before, added, buckets, buckets, prioritized);
        return Option.of(added);
    }

    /**
     * An add on SQLite, staged: the rows are read, checked and written {@link ContactImport#CHUNK} at a time into a TEMP
     * table of the writer's connection — each chunk its own short turn of the writer, so call events go in between —
     * then moved into {@code contact} by one insert-select in the transaction that grows the job's counts. Until then no
     * reader (another connection) can see them; a crash takes the TEMP table with it. Adds to one job take turns
     * (the embedded store is one process), so the numbers checked against the job include every earlier add.
     */
    static Option<Long> staged(Database db, BatchJob job, Iterator<NewContact> contacts, JobVersions.Tracked versions) {
        java.util.concurrent.locks.ReentrantLock turn = JOB_TURNS[Math.floorMod(job.id().hashCode(), JOB_TURNS.length)];
        turn.lock();
        String table = "temp.contact_add_" + TABLES.incrementAndGet();
        boolean[] created = {false};
        try {
            boolean prioritized = db.read(c -> JobPriorities.stored(c, job.id()));
            ContactImport.BucketCounter staged = new ContactImport.BucketCounter();
            long began = System.nanoTime();
            long count = 0;
            while (contacts.hasNext()) {
                java.util.List<NewContact> chunk = new ArrayList<>(Math.min(ContactImport.CHUNK, 4096));
                while (chunk.size() < ContactImport.CHUNK && contacts.hasNext()) {
                    chunk.add(contacts.next().at(count + chunk.size() + 1)); // read and checked before the writer is taken
                }
                count += db.inTransaction(c -> {
                    if (!created[0]) {
                        try (java.sql.Statement st = c.createStatement()) {
                            st.execute("create table " + table + " (job_id text not null, seq integer primary key, phone_number text not null, "
                                    + "contact_data text, status text not null, attempt_count integer not null, max_attempts integer not null, "
                                    + "timezone text, expires_at bigint, priority integer, claim_key integer not null)");
                        }
                        created[0] = true;
                    }
                    return ContactImport.insertChunk(c, table, job, chunk.iterator(), prioritized, staged);
                });
            }
            long moving = System.nanoTime();
            long moved = count;
            Option<Long> added = count == 0
                    ? db.read(c -> JobRows.load(c, job.id(), "")).filter(s -> !s.job().status().isFinal()).map(s -> 0L)
                    : versions.writing(job.id(), () -> db.inTransaction(c -> move(c, job, table, moved, staged, prioritized)));
            LOG.info("job {}: {} contacts staged in {} ms, moved in {} ms", job.id(), count, (moving - began) / 1_000_000,
                    (System.nanoTime() - moving) / 1_000_000);
            return added;
        } finally {
            try {
                if (created[0]) {
                    db.write(c -> {
                        try (java.sql.Statement st = c.createStatement()) {
                            st.execute("drop table if exists " + table);
                        }
                        return null;
                    });
                }
            } finally {
                turn.unlock();
            }
        }
    }

    /** The staged rows into {@code contact}, numbered after the job's last, and the job's counts grown: one transaction. */
    private static Option<Long> move(Connection c, BatchJob job, String table, long count, ContactImport.BucketCounter staged,
                                     boolean prioritized) throws SQLException {
        Option<JobSnapshot> locked = JobRows.load(c, job.id(), "");
        if (locked.isEmpty() || locked.get().job().status().isFinal()) {
            return Option.none();
        }
        long before = locked.get().breakdown().total();
        try (PreparedStatement ps = c.prepareStatement("insert into contact (job_id, seq, phone_number, contact_data, status, attempt_count, "
                + "max_attempts, timezone, expires_at, priority, claim_key) select job_id, seq + ?, phone_number, contact_data, status, "
                + "attempt_count, max_attempts, timezone, expires_at, priority, claim_key from " + table
                // in the contact key's order; without priorities every claim key is 0 and the staged rows (keyed by seq) are in it
                // already — naming claim_key there would sort them all first
                + (prioritized || staged.sawPriority() ? " order by claim_key, seq" : " order by seq"))) {
            ps.setLong(1, before);
            long moved = ps.executeUpdate();
            if (moved != count) { // the writer's connection was replaced since the chunks were written: add nothing
                throw new SQLException("an add staged " + count + " contacts but " + moved + " remained; nothing added");
            }
        }
        ContactImport.BucketCounter ranks = new ContactImport.BucketCounter();
        ranks.rank(before + 1, before + count);
        grow(c, job.id(), before, count, ranks, staged, prioritized);
        return Option.of(count);
    }

    /** The job's counters, rank buckets, zone groups and priorities grown by {@code added} contacts after {@code before}. */
    private static void grow(Connection c, String jobId, long before, long added, ContactImport.BucketCounter ranks,
                             ContactImport.BucketCounter contents, boolean prioritized) throws SQLException {
        JobPriorities.settle(c, jobId, prioritized, contents.sawPriority());
        JobRows.applyCounts(c, jobId, Map.of(ContactStatus.PENDING, added));
        try (PreparedStatement ps = c.prepareStatement("update batch_job set total_contacts = total_contacts + ? where id = ?")) {
            ps.setLong(1, added);
            ps.setString(2, jobId);
            ps.executeUpdate();
        }
        int existing = before == 0 ? 0 : RankedPages.bucketOf(before) + 1;
        List<RankedPages.RankDelta> grown = new ArrayList<>();
        for (int b = 0; b < Math.min(existing, ranks.size()); b++) {
            if (ranks.counts()[b] > 0) {
                grown.add(new RankedPages.RankDelta(ContactStatus.PENDING, b, ranks.counts()[b]));
            }
        }
        RankedPages.apply(c, jobId, grown);
        if (ranks.size() > existing) {
            RankedPages.insert(c, jobId, ranks.counts(), existing, ranks.size());
        }
        for (Map.Entry<String, Long> z : contents.zones().entrySet()) {
            try (PreparedStatement up = c.prepareStatement("update job_zone set contacts = contacts + ? where job_id = ? and timezone = ?")) {
                up.setLong(1, z.getValue());
                up.setString(2, jobId);
                up.setString(3, z.getKey());
                if (up.executeUpdate() == 0) {
                    try (PreparedStatement in = c.prepareStatement("insert into job_zone (job_id, timezone, contacts) values (?, ?, ?)")) {
                        in.setString(1, jobId);
                        in.setString(2, z.getKey());
                        in.setLong(3, z.getValue());
                        in.executeUpdate();
                    }
                }
            }
        }
    }
}
