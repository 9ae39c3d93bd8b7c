package io.batchcall.adapter.persistence.job;

import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.paging.PageRequest;
import io.batchcall.domain.progress.StatusBreakdown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Filtered pages at any depth (ADR 2): the table {@code contact_rank} holds, per job, status and
 * bucket of {@link #BUCKET} upload positions, how many contacts are in that status. A filtered page is
 * first located from these counts ({@link #locate}, a pure function), then only the buckets it spans
 * are read.
 */
final class RankedPages {

    /** Upload positions per rank bucket. */
    static final int BUCKET = 1024;

    private RankedPages() {
    }

    /** The count of matching contacts in one bucket. */
    record BucketCount(long bucket, long n) {
    }

    /** Where a page lies: contacts with fromSeq ≤ seq < toSeq matching the filter, after skipping {@code skip} of them. */
    record PageRange(long fromSeq, long toSeq, long skip) {
    }

    static int bucketOf(long seq) {
        return (int) (seq / BUCKET);
    }

    /** Whether the page is nearer the end of the matches (then the counts are walked from the end). */
    static boolean fromEnd(PageRequest page, long total) {
        return page.offset() > total / 2;
    }

    /**
     * Locates a page from per-status bucket counts. {@code cursors} yield, one per status, the buckets
     * with n &gt; 0 in ascending bucket order, or descending when {@code fromEnd}; {@code total} is the
     * number of matching contacts (the sum of all n). Empty when the page lies past the end.
     */
    static Optional<PageRange> locate(List<? extends Iterator<BucketCount>> cursors, long total, PageRequest page, boolean fromEnd) {
        if (page.offset() >= total) {
            return Optional.empty();
        }
        long lastWanted = Math.min(page.offset() + page.pageSize(), total) - 1;
        BucketCount[] heads = new BucketCount[cursors.size()];
        for (int i = 0; i < heads.length; i++) {
            heads[i] = advance(cursors.get(i));
        }
        long passed = 0; // matching contacts in the buckets already walked
        long fromSeq = -1;
        long toSeq = -1;
        long skip = -1;
        while (true) {
            long bucket = -1;
            for (BucketCount h : heads) {
                if (h != null && (bucket < 0 || (fromEnd ? h.bucket() > bucket : h.bucket() < bucket))) {
                    bucket = h.bucket();
                }
            }
            if (bucket < 0) {
                return Optional.empty(); // the counts sum to less than total: nothing sensible to read
            }
            long n = 0;
            for (int i = 0; i < heads.length; i++) {
                if (heads[i] != null && heads[i].bucket() == bucket) {
                    n += heads[i].n();
                    heads[i] = advance(cursors.get(i));
                }
            }
            if (!fromEnd) {
                if (fromSeq < 0 && passed + n > page.offset()) {
                    fromSeq = bucket * BUCKET;
                    skip = page.offset() - passed;
                }
                passed += n;
                if (fromSeq >= 0 && passed > lastWanted) {
                    return Optional.of(new PageRange(fromSeq, (bucket + 1) * BUCKET, skip));
                }
            } else {
                long firstHere = total - passed - n; // position of the bucket's first matching contact
                if (toSeq < 0 && firstHere <= lastWanted) {
                    toSeq = (bucket + 1) * BUCKET;
                }
                if (toSeq >= 0 && firstHere <= page.offset()) {
                    return Optional.of(new PageRange(bucket * BUCKET, toSeq, page.offset() - firstHere));
                }
                passed += n;
            }
        }
    }

    private static BucketCount advance(Iterator<BucketCount> cursor) {
        return cursor.hasNext() ? cursor.next() : null;
    }

    /** Reads the bucket counts of the statuses present (one ordered cursor each) and locates the page. */
    static Optional<PageRange> locate(Connection c, String jobId, List<ContactStatus> statuses, PageRequest page,
                                      StatusBreakdown counts) throws SQLException {
        long total = 0;
        List<ContactStatus> present = new ArrayList<>();
        for (ContactStatus status : statuses) {
            total += counts.count(status);
            if (counts.count(status) > 0) {
                present.add(status); // statuses with no contact need no cursor
            }
        }
        if (page.offset() >= total) {
            return Optional.empty();
        }
        boolean fromEnd = fromEnd(page, total);
        List<Cursor> cursors = new ArrayList<>();
        try {
            for (ContactStatus status : present) {
                PreparedStatement ps = c.prepareStatement("select bucket, n from contact_rank where job_id = ? and status = ? and n > 0 "
                        + "order by bucket " + (fromEnd ? "desc" : "asc"));
                cursors.add(new Cursor(ps));
                ps.setFetchSize(256);
                ps.setString(1, jobId);
                ps.setString(2, status.wire());
                cursors.get(cursors.size() - 1).open();
            }
            return locate(cursors, total, page, fromEnd);
        } catch (UncheckedSql e) {
            throw e.getCause();
        } finally {
            for (Cursor cursor : cursors) {
                cursor.close();
            }
        }
    }

    /** A result set of (bucket, n) as an iterator. */
    private static final class Cursor implements Iterator<BucketCount> {
        private final PreparedStatement statement;
        private ResultSet rs;
        private BucketCount next;

        Cursor(PreparedStatement statement) {
            this.statement = statement;
        }

        void open() throws SQLException {
            rs = statement.executeQuery();
            fetch();
        }

        private void fetch() {
            try {
                next = rs.next() ? new BucketCount(rs.getLong(1), rs.getLong(2)) : null;
            } catch (SQLException e) {
                throw new UncheckedSql(e);
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public BucketCount next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            BucketCount current = next;
            fetch();
            return current;
        }

        void close() throws SQLException {
            if (rs != null) {
                rs.close();
            }
            statement.close();
        }
    }

    private static final class UncheckedSql extends RuntimeException {
        UncheckedSql(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    // ---------------------------------------------------------------- keeping the counts

    /** A change to the count of contacts in a status within a bucket. */
    record RankDelta(ContactStatus status, int bucket, long delta) {
    }

    /** Writes the rank rows of a new job: every bucket × status, pending holding the contacts. */
    static void insert(Connection c, String jobId, long[] pendingPerBucket, int buckets) throws SQLException {
        insert(c, jobId, pendingPerBucket, 0, buckets);
    }

    /** Writes the rank rows of buckets {@code from} to {@code to} (exclusive), pending holding the contacts given for each. */
    static void insert(Connection c, String jobId, long[] pendingPerBucket, int from, int to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into contact_rank (job_id, status, bucket, n) values (?, ?, ?, ?)")) {
            int batched = 0;
            for (int b = from; b < to; b++) {
                for (ContactStatus status : ContactStatus.values()) {
                    ps.setString(1, jobId);
                    ps.setString(2, status.wire());
                    ps.setInt(3, b);
                    ps.setLong(4, status == ContactStatus.PENDING ? pendingPerBucket[b] : 0);
                    ps.addBatch();
                    if (++batched == 1000) {
                        ps.executeBatch();
                        batched = 0;
                    }
                }
            }
            if (batched > 0) {
                ps.executeBatch();
            }
        }
    }

    static void apply(Connection c, String jobId, List<RankDelta> deltas) throws SQLException {
        Map<String, Long> merged = new TreeMap<>();
        for (RankDelta d : deltas) {
            merged.merge(d.status().wire() + '\u0000' + d.bucket(), d.delta(), Long::sum);
        }
        try (PreparedStatement ps = c.prepareStatement("update contact_rank set n = n + ? where job_id = ? and status = ? and bucket = ?")) {
            boolean any = false;
            for (Map.Entry<String, Long> e : merged.entrySet()) {
                if (e.getValue() == 0) {
                    continue;
                }
                String[] key = e.getKey().split("\u0000");
                ps.setLong(1, e.getValue());
                ps.setString(2, jobId);
                ps.setString(3, key[0]);
                ps.setInt(4, Integer.parseInt(key[1]));
                ps.addBatch();
                any = true;
            }
            if (any) {
                ps.executeBatch();
            }
        }
    }

    /** Moves the counts of {@code from} statuses into {@code cancelled}, in every bucket of the job. */
    static void moveToCancelled(Connection c, String jobId, String inList) throws SQLException {
        try (PreparedStatement moveIn = c.prepareStatement("update contact_rank set n = n + (select coalesce(sum(s.n), 0) "
                + "from contact_rank s where s.job_id = contact_rank.job_id and s.bucket = contact_rank.bucket and s.status in ("
                + inList + ")) where job_id = ? and status = 'cancelled'");
             PreparedStatement zero = c.prepareStatement("update contact_rank set n = 0 where job_id = ? and status in (" + inList + ") and n <> 0")) {
            moveIn.setString(1, jobId);
            moveIn.executeUpdate();
            zero.setString(1, jobId);
            zero.executeUpdate();
        }
    }
}
